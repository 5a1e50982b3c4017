import type { TopicId } from './topics.js';

/**
 * Vocabularies for the non-English share of the corpus (German, French, Spanish, Italian, Arabic,
 * Russian, Chinese). Arabic is right-to-left; Chinese has no spaces between words. Lists are
 * '|'-separated so each stays on one line.
 */

export type ForeignLanguage = 'de' | 'fr' | 'es' | 'it' | 'ar' | 'ru' | 'zh';

export interface LanguageVocab {
  language: ForeignLanguage;
  topic: TopicId;
  /** Word separator: '' for Chinese. */
  space: string;
  actors: readonly string[];
  actions: readonly string[];
  objects: readonly string[];
  contexts: readonly string[];
  /** Body sentences with {actor}, {object} and {place} slots. */
  sentences: readonly string[];
  places: readonly string[];
}

const v = (
  language: ForeignLanguage,
  topic: TopicId,
  space: string,
  lists: Record<'actors' | 'actions' | 'objects' | 'contexts' | 'sentences' | 'places', string>,
): LanguageVocab => ({
  language,
  topic,
  space,
  actors: lists.actors.split('|'),
  actions: lists.actions.split('|'),
  objects: lists.objects.split('|'),
  contexts: lists.contexts.split('|'),
  sentences: lists.sentences.split('|'),
  places: lists.places.split('|'),
});

export const LANGUAGES: readonly LanguageVocab[] = [
  v('de', 'europe', ' ', {
    actors:
      'Die Bundesregierung|Der Bundestag|Die Europäische Zentralbank|Gewerkschaften|Die Deutsche Bahn|Klimaforscher',
    actions: 'beschließt|kritisiert|verschiebt|fordert|plant|stoppt',
    objects:
      'das Heizungsgesetz|höhere Löhne|neue Schulden|den Kohleausstieg|ein Tempolimit|die Rentenreform',
    contexts:
      'nach langem Streit|trotz Protesten|vor der Wahl|überraschend|in Berlin|mit knapper Mehrheit',
    sentences:
      '{actor} will {object} noch in diesem Jahr umsetzen.|Kritiker in {place} sprechen von einem „gefährlichen Signal“.|Über {object} wird seit Monaten gestritten.|Die Entscheidung fiel am späten Abend.',
    places: 'Berlin|München|Hamburg|Frankfurt|Brüssel',
  }),
  v('fr', 'europe', ' ', {
    actors:
      'Le gouvernement|L’Assemblée nationale|Les syndicats|Le président de la République|Les agriculteurs|La SNCF',
    actions: 'adopte|rejette|reporte|dénonce|annonce|suspend',
    objects:
      'la réforme des retraites|un nouveau budget|la hausse des prix|le projet de loi immigration|une grève nationale|l’accord sur le climat',
    contexts:
      'après des semaines de débat|malgré la colère|à la surprise générale|avant l’été|à Paris|sous pression',
    sentences:
      '{actor} promet d’appliquer {object} « dès que possible ».|À {place}, la mobilisation reste forte.|Le débat sur {object} divise la majorité.|Les détails seront publiés la semaine prochaine.',
    places: 'Paris|Lyon|Marseille|Bordeaux|Strasbourg',
  }),
  v('es', 'americas', ' ', {
    actors:
      'El Gobierno|El Congreso|Los sindicatos|El Banco de España|Los agricultores|La presidenta',
    actions: 'aprueba|rechaza|aplaza|denuncia|anuncia|frena',
    objects:
      'la ley de vivienda|una subida del salario mínimo|el plan contra la sequía|la reforma fiscal|nuevas ayudas|el acuerdo comercial',
    contexts:
      'tras meses de negociación|pese a las críticas|por sorpresa|antes de las elecciones|en Madrid|con el apoyo de la oposición',
    sentences:
      '{actor} defiende {object} como «imprescindible».|En {place}, los ciudadanos reaccionan con cautela.|La polémica sobre {object} no cesa.|El texto entrará en vigor el próximo mes.',
    places: 'Madrid|Barcelona|Sevilla|Ciudad de México|Buenos Aires',
  }),
  v('it', 'europe', ' ', {
    actors: 'Il governo|Il Parlamento|I sindacati|La Banca d’Italia|Gli agricoltori|La premier',
    actions: 'approva|respinge|rinvia|denuncia|annuncia|blocca',
    objects:
      'la manovra economica|il ponte sullo Stretto|la riforma della giustizia|il salario minimo|nuovi sbarchi|il piano casa',
    contexts:
      'dopo settimane di tensioni|nonostante le proteste|a sorpresa|prima del voto|a Roma|con una maggioranza risicata',
    sentences:
      '{actor} difende {object} come «necessario».|A {place} la reazione è stata immediata.|Il dibattito su {object} continua.|I dettagli saranno resi noti domani.',
    places: 'Roma|Milano|Napoli|Torino|Palermo',
  }),
  v('ar', 'middle-east', ' ', {
    actors: 'الحكومة|مجلس الأمن|وزير الخارجية|الأمم المتحدة|البنك المركزي|المتظاهرون',
    actions: 'تعلن|ترفض|تدين|تناقش|تؤجل|تطالب',
    objects:
      'وقف إطلاق النار|المساعدات الإنسانية|خطة السلام|أسعار النفط|الانتخابات المقبلة|الإصلاحات الاقتصادية',
    contexts:
      'وسط تصاعد التوتر|بعد محادثات طويلة|رغم الضغوط الدولية|في القاهرة|قبل القمة|بشكل مفاجئ',
    sentences:
      'قالت مصادر إن {actor} تدرس {object}.|في {place} يترقب المواطنون النتائج.|ويستمر الجدل حول {object}.|ومن المتوقع صدور بيان رسمي غداً.',
    places: 'القاهرة|بيروت|الدوحة|الرياض|عمّان',
  }),
  v('ru', 'europe', ' ', {
    actors: 'Правительство|Государственная дума|Центробанк|Министерство финансов|Эксперты|Жители',
    actions: 'одобрило|отклонило|отложило|критикует|объявило|обсуждает',
    objects:
      'новый бюджет|повышение ключевой ставки|закон о связи|реформу пенсий|ограничения на импорт|рост цен',
    contexts:
      'после долгих споров|несмотря на критику|неожиданно|перед выборами|в Москве|большинством голосов',
    sentences:
      '{actor} намерено реализовать {object} до конца года.|В городе {place} реакция оказалась сдержанной.|Споры вокруг {object} продолжаются.|Подробности обещают объявить позже.',
    places: 'Москва|Санкт-Петербург|Казань|Новосибирск|Екатеринбург',
  }),
  v('zh', 'asia', '', {
    actors: '国务院|中国人民银行|科学家|北京市政府|外交部|研究人员',
    actions: '宣布|发布|推迟|支持|批评|启动',
    objects: '新的经济刺激计划|降息措施|人工智能法规|电动汽车出口|气候目标|房地产救助方案',
    contexts: '引发关注|经过多轮谈判|出乎意料|在上海|年底前|获得广泛支持',
    sentences:
      '{actor}表示将尽快落实{object}。|{place}的市场反应平稳。|关于{object}的讨论仍在继续。|更多细节将于下周公布。',
    places: '北京|上海|深圳|广州|香港',
  }),
];
