import type { Language } from './story.js';
import type { TopicId } from './vocab/topics.js';

/**
 * News outlets the corpus attributes stories to. `newsapiId` is the curated NewsAPI source id (most
 * outlets have none); `urlStyle` shapes article paths; `amp` is how the outlet serves AMP pages;
 * `tracking` is the query string its shared links carry.
 */

export type UrlStyle = 'guardian' | 'bbc' | 'reuters' | 'ap' | 'dated' | 'html' | 'id';
export type AmpStyle = 'host' | 'path' | 'suffix' | 'param';

export interface Outlet {
  name: string;
  newsapiId: string | null;
  host: string;
  country: string;
  language: Language;
  urlStyle: UrlStyle;
  amp: AmpStyle | null;
  tracking: string;
  /** Topics it covers; empty means all English topics. */
  topics: readonly TopicId[];
  /** Agency copy often has no byline. */
  bylineRate: number;
}

const o = (
  name: string,
  newsapiId: string | null,
  host: string,
  country: string,
  language: Language,
  urlStyle: UrlStyle,
  amp: AmpStyle | null,
  tracking: string,
  topics = '',
  bylineRate = 0.9,
): Outlet => ({
  name,
  newsapiId,
  host,
  country,
  language,
  urlStyle,
  amp,
  tracking,
  topics: topics === '' ? [] : (topics.split('|') as TopicId[]),
  bylineRate,
});

// prettier-ignore
export const GUARDIAN = o('The Guardian', 'the-guardian-uk', 'www.theguardian.com', 'gb', 'en', 'guardian', 'host', 'CMP=Share_iOSApp_Other');

// Index 0 is the Guardian; the rest are picked by topic. One line per outlet reads best here.
// prettier-ignore
export const OUTLETS: readonly Outlet[] = [
  GUARDIAN,
  o('BBC News', 'bbc-news', 'www.bbc.co.uk', 'gb', 'en', 'bbc', 'suffix', 'at_medium=RSS&at_campaign=rss'),
  o('Reuters', 'reuters', 'www.reuters.com', 'us', 'en', 'reuters', null, 'taid=65f1c2a9&utm_source=twitter', '', 0.7),
  o('Associated Press', 'associated-press', 'apnews.com', 'us', 'en', 'ap', null, 'utm_source=Twitter&utm_medium=AP', '', 0.6),
  o('CNN', 'cnn', 'edition.cnn.com', 'us', 'en', 'dated', 'host', 'utm_source=ios_app'),
  o('The Washington Post', 'the-washington-post', 'www.washingtonpost.com', 'us', 'en', 'dated', 'path', 'utm_campaign=wp_main&utm_medium=social'),
  o('The New York Times', null, 'www.nytimes.com', 'us', 'en', 'dated', 'suffix', 'smid=nytcore-ios-share'),
  o('NPR', null, 'www.npr.org', 'us', 'en', 'dated', null, 'utm_source=npr_newsletter'),
  o('Al Jazeera English', 'al-jazeera-english', 'www.aljazeera.com', 'qa', 'en', 'dated', 'path', 'utm_source=rss&utm_medium=referral', 'europe|middle-east|asia|africa|americas|climate'),
  o('The Verge', 'the-verge', 'www.theverge.com', 'us', 'en', 'id', null, 'utm_source=feed', 'technology|science|culture'),
  o('TechCrunch', 'techcrunch', 'techcrunch.com', 'us', 'en', 'dated', 'path', 'guccounter=1', 'technology|economy'),
  o('Ars Technica', 'ars-technica', 'arstechnica.com', 'us', 'en', 'dated', null, 'utm_source=rss', 'technology|science|climate'),
  o('Bloomberg', 'bloomberg', 'www.bloomberg.com', 'us', 'en', 'html', 'path', 'cmpid=BBD030424_MKT', 'economy|technology|politics'),
  o('Financial Times', 'financial-times', 'www.ft.com', 'gb', 'en', 'id', null, 'ocid=uxbndlbing', 'economy|politics|europe'),
  o('ESPN', 'espn', 'www.espn.com', 'us', 'en', 'id', null, 'utm_medium=social', 'sport'),
  o('BBC Sport', 'bbc-sport', 'www.bbc.co.uk', 'gb', 'en', 'bbc', 'suffix', 'at_medium=RSS', 'sport'),
  o('Politico', 'politico', 'www.politico.com', 'us', 'en', 'dated', null, 'utm_source=newsletter', 'politics|americas|europe'),
  o('Axios', 'axios', 'www.axios.com', 'us', 'en', 'dated', null, 'utm_source=newsletter', 'politics|technology|economy'),
  o('New Scientist', 'new-scientist', 'www.newscientist.com', 'gb', 'en', 'id', null, 'utm_campaign=RSS', 'science|climate|health'),
  o('Nature', null, 'www.nature.com', 'gb', 'en', 'id', null, 'utm_source=twitter&utm_medium=social', 'science|climate|health', 0.5),
  o('The Independent', 'independent', 'www.independent.co.uk', 'gb', 'en', 'html', 'path', 'utm_source=reddit.com'),
  o('Sky News', null, 'news.sky.com', 'gb', 'en', 'id', null, 'utm_source=twitter&utm_campaign=snt'),
  o('Fox News', 'fox-news', 'www.foxnews.com', 'us', 'en', 'dated', 'param', 'cmpid=tw_fnc', 'politics|americas|economy'),
  o('CBS News', 'cbs-news', 'www.cbsnews.com', 'us', 'en', 'dated', 'path', 'ref=cbsnews_rss'),
  o('NBC News', 'nbc-news', 'www.nbcnews.com', 'us', 'en', 'id', 'path', 'fbclid=IwAR0sm_npd_nn'),
  o('Variety', null, 'variety.com', 'us', 'en', 'dated', null, 'utm_source=twitter', 'culture'),
  o('Rolling Stone', null, 'www.rollingstone.com', 'us', 'en', 'dated', 'param', 'utm_source=twitter', 'culture'),
  o('Euronews', null, 'www.euronews.com', 'fr', 'en', 'dated', null, 'utm_source=Facebook', 'europe|climate|economy'),
  o('Deutsche Welle', null, 'www.dw.com', 'de', 'en', 'id', null, 'mc_cid=8e2b1f&mc_eid=4a7c9d', 'europe|climate|africa'),
  o('The Times of India', 'the-times-of-india', 'timesofindia.indiatimes.com', 'in', 'en', 'html', 'host', 'utm_source=toi', 'asia|sport|technology'),
  o('ABC News (AU)', 'abc-news-au', 'www.abc.net.au', 'au', 'en', 'dated', null, 'utm_campaign=abc_news_web&utm_medium=content_shared', 'asia|climate|sport'),
  o('CBC News', 'cbc-news', 'www.cbc.ca', 'ca', 'en', 'id', null, 'cmp=rss', 'americas|climate|health'),
  o('South China Morning Post', null, 'www.scmp.com', 'hk', 'en', 'id', null, 'utm_source=rss_feed', 'asia|economy|technology'),
  o('Yahoo News', null, 'news.yahoo.com', 'us', 'en', 'html', null, 'guccounter=1', '', 0.5),
  o('MSN', null, 'www.msn.com', 'us', 'en', 'id', null, 'ocid=msedgntp', '', 0.5),
  // Non-English outlets; each language's stories go to its own outlets.
  o('Der Spiegel', 'spiegel-online', 'www.spiegel.de', 'de', 'de', 'html', null, 'utm_source=twitter&utm_medium=social'),
  o('Die Zeit', 'die-zeit', 'www.zeit.de', 'de', 'de', 'dated', null, 'utm_referrer=twitter'),
  o('Le Monde', 'le-monde', 'www.lemonde.fr', 'fr', 'fr', 'html', 'path', 'utm_source=rss&utm_campaign=lemonde'),
  o('El País', 'el-mundo', 'elpais.com', 'es', 'es', 'html', null, 'ref=buscador_noticias'),
  o('Corriere della Sera', null, 'www.corriere.it', 'it', 'it', 'html', null, 'fbclid=IwAR2Zx7kP0qLmN'),
  o('ANSA', 'ansa', 'www.ansa.it', 'it', 'it', 'html', 'path', 'utm_source=twitter', '', 0.3),
  o('الجزيرة نت', 'al-jazeera-arabic', 'www.aljazeera.net', 'qa', 'ar', 'id', null, 'utm_source=rss&utm_medium=referral'),
  o('RBC', 'rbc', 'www.rbc.ru', 'ru', 'ru', 'id', null, 'source=from_main_1'),
  o('Meduza', null, 'meduza.io', 'lv', 'ru', 'dated', null, 'utm_source=telegram'),
  o('新华网', 'xinhua-net', 'www.xinhuanet.com', 'cn', 'zh', 'dated', null, 'source=pad'),
];
