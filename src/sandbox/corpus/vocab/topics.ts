/**
 * Topic vocabularies the English headlines and bodies are assembled from. Each list is short; the
 * variety comes from combining them. Some entries carry '&', quotes and typographic punctuation on
 * purpose, since clients must cope with them (Reddit entity-encodes '&', NewsAPI sends entities).
 * Actions are written for a singular subject; text.ts conjugates them for plural actors.
 */

export type TopicId =
  | 'politics'
  | 'economy'
  | 'climate'
  | 'technology'
  | 'health'
  | 'sport'
  | 'science'
  | 'culture'
  | 'europe'
  | 'middle-east'
  | 'asia'
  | 'africa'
  | 'americas';

export type NewsapiCategory =
  'business' | 'entertainment' | 'general' | 'health' | 'science' | 'sports' | 'technology';

export interface Topic {
  id: TopicId;
  newsapiCategory: NewsapiCategory;
  guardianSection: readonly [id: string, name: string, pillar: 'news' | 'sport' | 'arts'];
  subreddits: readonly string[];
  actors: readonly string[];
  actions: readonly string[];
  objects: readonly string[];
  contexts: readonly string[];
  nouns: readonly string[];
  places: readonly string[];
}

type TopicSource = Omit<Topic, ListKey> & Record<ListKey, string>;
type ListKey = 'subreddits' | 'actors' | 'actions' | 'objects' | 'contexts' | 'nouns' | 'places';

// Lists are '|'-separated strings so the formatter keeps each on one line.
const t = (source: TopicSource): Topic => ({
  ...source,
  subreddits: source.subreddits.split('|'),
  actors: source.actors.split('|'),
  actions: source.actions.split('|'),
  objects: source.objects.split('|'),
  contexts: source.contexts.split('|'),
  nouns: source.nouns.split('|'),
  places: source.places.split('|'),
});

export const TOPICS: readonly Topic[] = [
  t({
    id: 'politics',
    newsapiCategory: 'general',
    guardianSection: ['politics', 'Politics', 'news'],
    subreddits: 'politics|news|worldnews|ukpolitics',
    actors:
      'The prime minister|Senate Democrats|House Republicans|The opposition leader|The chancellor|Cabinet ministers|The White House|Labour MPs',
    actions: 'unveils|rejects|delays|backs|defends|scraps|pushes through|faces revolt over',
    objects:
      'a new immigration bill|the election timetable|a cost-of-living package|voting-rights reforms|the spending review|a ban on second jobs|a lobbying crackdown|the devolution deal',
    contexts:
      'ahead of a crucial vote|amid growing backlash|after a bruising week|as polls tighten|despite warnings from advisers|in a late-night session',
    nouns:
      'parliament|voters|coalition|ballot|committee|manifesto|senator|constituency|referendum|legislation|the election',
    places: 'Westminster|Washington|Capitol Hill|Downing Street|Holyrood|Ottawa',
  }),
  t({
    id: 'economy',
    newsapiCategory: 'business',
    guardianSection: ['business', 'Business', 'news'],
    subreddits: 'economics|business|news|stocks',
    actors:
      'The Federal Reserve|The Bank of England|The ECB|Wall Street banks|Retailers|M&S|AT&T|Oil producers',
    actions: 'raises|holds|cuts|warns on|bets on|slashes|reports record|braces for',
    objects:
      'interest rates|inflation forecasts|quarterly profits|consumer spending|mortgage costs|the jobs market|bond yields|energy bills',
    contexts:
      'as inflation cools|amid recession fears|after a surprise jobs report|as markets slide|despite weak demand|ahead of the budget',
    nouns:
      'inflation|markets|investors|growth|wages|shares|economists|tariffs|deficit|productivity|the economy',
    places: 'New York|London|Frankfurt|Tokyo|Shanghai|Zurich',
  }),
  t({
    id: 'climate',
    newsapiCategory: 'science',
    guardianSection: ['environment', 'Environment', 'news'],
    subreddits: 'climate|environment|worldnews|energy',
    actors:
      'Scientists|UN climate negotiators|Campaigners|Energy firms|The EU|Coastal towns|Farmers|Insurers',
    actions:
      'warns of|demands action on|records|struggles with|pledges to cut|sues over|maps|prepares for',
    objects:
      'record ocean heat|Arctic sea ice loss|a methane leak|wildfire smoke|coral bleaching|heatwave deaths|rising sea levels|a carbon tax',
    contexts:
      'as the climate crisis deepens|as temperatures break records|ahead of Cop talks|after the wettest winter on record|amid a historic drought|as emissions climb again|in a landmark ruling',
    nouns:
      'emissions|warming|drought|glaciers|renewables|biodiversity|flooding|wildfires|carbon|heatwave|climate targets|the climate crisis',
    places: 'the Arctic|the Amazon|the Great Barrier Reef|Greenland|the Sahel|Bangladesh',
  }),
  t({
    id: 'technology',
    newsapiCategory: 'technology',
    guardianSection: ['technology', 'Technology', 'news'],
    subreddits: 'technology|programming|Futurology|gadgets',
    actors: 'OpenAI|Apple|Google|Microsoft|Regulators|Chipmakers|A start-up|Meta',
    actions:
      'launches|delays|is fined over|open-sources|rolls back|bets billions on|quietly tests|is sued over',
    objects:
      'a new AI model|its smartphone app|a data breach|chip exports|facial recognition|a quantum computer|encrypted messaging|the app store rules',
    contexts:
      'as rivals catch up|amid privacy concerns|after a global outage|under EU pressure|in a bid to win developers|as the AI race heats up',
    nouns:
      'algorithm|software|users|privacy|servers|developers|chatbot|semiconductors|startup|encryption|artificial intelligence',
    places: 'Silicon Valley|Seattle|Shenzhen|Bangalore|Brussels|Austin',
  }),
  t({
    id: 'health',
    newsapiCategory: 'health',
    guardianSection: ['society', 'Society', 'news'],
    subreddits: 'health|science|news|medicine',
    actors: 'The NHS|The WHO|Doctors|Researchers|Nurses|Health officials|Drugmakers|The CDC',
    actions: 'warns about|approves|trials|strikes over|rolls out|investigates|recalls|calls for',
    objects:
      'a new weight-loss drug|measles outbreaks|A&E waiting times|a bird flu vaccine|long Covid treatments|mental health funding|antibiotic resistance|a cancer screening programme',
    contexts:
      'as cases rise|amid staff shortages|after a major study|ahead of winter|despite funding cuts|in a world first',
    nouns:
      'patients|hospitals|vaccines|clinicians|trial|outbreak|treatment|symptoms|diagnosis|pharmacy',
    places: 'England|Geneva|Atlanta|Scotland|Lagos|São Paulo',
  }),
  t({
    id: 'sport',
    newsapiCategory: 'sports',
    guardianSection: ['sport', 'Sport', 'sport'],
    subreddits: 'sports|soccer|nba|formula1',
    actors:
      'Arsenal|Real Madrid|The Lakers|Max Verstappen|England|Serena Williams|The All Blacks|Manchester City',
    actions:
      'beats|signs|sacks|edges past|crashes out to|extends the lead over|appeals against|thrashes',
    objects:
      'their title rivals|a £90m striker|the head coach|the defending champions|a doping ban|a ten-man side|the world No 1|a record transfer fee',
    contexts:
      'in a late thriller|after extra time|on a night of drama|with a stoppage-time winner|as the season reaches its climax|in front of a record crowd',
    nouns:
      'match|goal|season|league|fans|manager|championship|squad|tournament|final|football|tennis',
    places: 'Wembley|Madrid|Melbourne|Silverstone|Los Angeles|Paris',
  }),
  t({
    id: 'science',
    newsapiCategory: 'science',
    guardianSection: ['science', 'Science', 'news'],
    subreddits: 'science|space|Futurology|EverythingScience',
    actors:
      'Nasa|Astronomers|Physicists|Archaeologists|The James Webb telescope|Geneticists|SpaceX|Palaeontologists',
    actions: 'discovers|detects|maps|decodes|launches|unearths|simulates|confirms',
    objects:
      'a potentially habitable planet|gravitational waves|a 3,000-year-old tomb|the human brain|a new dinosaur species|dark matter|a moon mission|ancient DNA',
    contexts:
      'in a breakthrough study|for the first time|after decades of searching|using AI|in a remote desert|at the edge of the solar system',
    nouns: 'telescope|experiment|researchers|data|orbit|species|fossil|particle|genome|laboratory',
    places: 'Cern|Cape Canaveral|the Atacama desert|Egypt|Antarctica|Mars',
  }),
  t({
    id: 'culture',
    newsapiCategory: 'entertainment',
    guardianSection: ['culture', 'Culture', 'arts'],
    subreddits: 'movies|books|Music|television',
    actors:
      'Taylor Swift|Netflix|The Booker prize judges|Christopher Nolan|The BBC|Beyoncé|Hollywood studios|The Louvre',
    actions:
      'announces|shortlists|cancels|breaks records with|returns with|defends|premieres|wins big with',
    objects:
      'a surprise album|its biggest series yet|a debut novel|a three-hour epic|a world tour|a stolen painting|a Christmas special|the Oscars line-up',
    contexts:
      'to rave reviews|amid a streaming war|after a decade away|as fans queue overnight|at the Venice film festival|in a sold-out run',
    nouns: 'audience|album|novel|director|gallery|festival|premiere|critics|box office|soundtrack',
    places: 'Los Angeles|Cannes|Edinburgh|Venice|Nashville|Berlin',
  }),
  t({
    id: 'europe',
    newsapiCategory: 'general',
    guardianSection: ['world', 'World news', 'news'],
    subreddits: 'europe|worldnews|geopolitics|news',
    actors:
      'The European Commission|Ukraine|France’s president|German coalition leaders|Polish farmers|Nato allies|Kyiv|Brussels',
    actions: 'agrees|blocks|condemns|negotiates|protests against|signs|stalls on|doubles',
    objects:
      'a €50bn aid package|new sanctions on Moscow|a migration pact|grain imports|pension reforms|a ceasefire proposal|air-defence deliveries|a border deal',
    contexts:
      'after marathon talks|amid mass protests|as winter approaches|at an emergency summit|despite Hungarian objections|as the front line shifts',
    nouns: 'summit|sanctions|ministers|border|union|troops|ceasefire|refugees|protesters|treaty',
    places: 'Brussels|Kyiv|Paris|Berlin|Warsaw|Budapest',
  }),
  t({
    id: 'middle-east',
    newsapiCategory: 'general',
    guardianSection: ['world', 'World news', 'news'],
    subreddits: 'worldnews|geopolitics|news|arabs',
    actors: 'Israel|Hamas|Iran|Saudi Arabia|UN aid agencies|Qatari mediators|The Houthis|Egypt',
    actions: 'rejects|agrees to|warns over|launches|suspends|calls for|resumes|denies',
    objects:
      'a hostage deal|aid convoys|strikes on Red Sea shipping|nuclear talks|a humanitarian pause|oil output cuts|border crossings|a new peace plan',
    contexts:
      'as talks stall|amid fears of escalation|after overnight strikes|as civilians flee|under US pressure|in a rare joint statement',
    nouns:
      'ceasefire|civilians|aid|hostages|negotiators|strikes|refugees|diplomats|shipping|militants',
    places: 'Gaza|Tehran|Riyadh|Cairo|Beirut|Doha',
  }),
  t({
    id: 'asia',
    newsapiCategory: 'general',
    guardianSection: ['world', 'World news', 'news'],
    subreddits: 'worldnews|asia|China|india',
    actors:
      'Beijing|India’s election commission|Japan’s central bank|Taiwan|North Korea|Hong Kong authorities|Australia|South Korean doctors',
    actions: 'tests|announces|cracks down on|warns|tightens|eases|stages|backs',
    objects:
      'a ballistic missile|military drills|export controls|a property rescue plan|national security laws|yen interventions|a record turnout|rare-earth exports',
    contexts:
      'amid regional tensions|as the economy slows|after weeks of protests|ahead of a key summit|in the South China Sea|despite US warnings',
    nouns:
      'drills|exports|election|missile|authorities|economy|protesters|property|coastguard|diplomacy',
    places: 'Beijing|Taipei|New Delhi|Tokyo|Seoul|Manila',
  }),
  t({
    id: 'africa',
    newsapiCategory: 'general',
    guardianSection: ['global-development', 'Global development', 'news'],
    subreddits: 'worldnews|Africa|news|UpliftingNews',
    actors:
      'Nigeria|Kenyan protesters|The African Union|South Africa’s ANC|Sudan’s army|Ethiopia|Ghana|Aid workers',
    actions: 'marks|resists|brokers|wins|battles|launches|suspends|celebrates',
    objects:
      'a finance bill|a peace deal|a cholera outbreak|a solar-power revolution|coalition talks|a debt restructuring|a famine warning|new mobile-money rules',
    contexts:
      'as food prices soar|after disputed polls|amid fighting in Darfur|in a historic first|as the rainy season begins|with Chinese backing',
    nouns: 'aid|harvest|protesters|election|famine|currency|clinics|militias|solar|debt',
    places: 'Lagos|Nairobi|Khartoum|Johannesburg|Addis Ababa|Accra',
  }),
  t({
    id: 'americas',
    newsapiCategory: 'general',
    guardianSection: ['us-news', 'US news', 'news'],
    subreddits: 'news|worldnews|politics|latinamerica',
    actors:
      'Mexico’s president|Brazil’s Lula|The supreme court|Canadian officials|Argentina’s Milei|Texas officials|Colombia|California',
    actions: 'overturns|defends|expands|challenges|signs|pauses|investigates|celebrates',
    objects:
      'an abortion ruling|a border wall|Amazon protections|a wildfire plan|gun-control laws|a peso devaluation|cartel violence|a water treaty',
    contexts:
      'in a 6-3 decision|amid record heat|after a deadly weekend|as migrants wait|ahead of the midterms|with bipartisan support',
    nouns: 'court|governor|migrants|border|ruling|cartels|wildfires|voters|pesos|rainforest',
    places: 'Mexico City|Brasília|Texas|Buenos Aires|Bogotá|Toronto',
  }),
];
