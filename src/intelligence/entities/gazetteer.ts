import type { EntityKind } from './entities.js';

/**
 * Names compromise misses or misfiles ("Spotify" as nothing, "Chelsea" as a person, "Bank of
 * England" as the place "England"): countries, major cities and regions, and organisations that
 * recur in English-language news. Deliberately short: general news vocabulary, not a catalogue.
 * Names are matched case-sensitively as whole words, so "WHO" is the organisation and "who" is not.
 * Ambiguous names (Liverpool, Barcelona: city or club) are left to compromise.
 */

// prettier-ignore
const PLACES = (
  'Afghanistan|Albania|Algeria|Argentina|Armenia|Australia|Austria|Azerbaijan|Bangladesh|Belarus|' +
  'Belgium|Bolivia|Bosnia|Brazil|Bulgaria|Cambodia|Cameroon|Canada|Chile|China|Colombia|Congo|' +
  'Croatia|Cuba|Cyprus|Czech Republic|Denmark|Ecuador|Egypt|Estonia|Ethiopia|Finland|France|' +
  'Georgia|Germany|Ghana|Greece|Haiti|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|' +
  'Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Latvia|Lebanon|Libya|Lithuania|' +
  'Malaysia|Mali|Mexico|Moldova|Mongolia|Morocco|Mozambique|Myanmar|Nepal|Netherlands|' +
  'New Zealand|Niger|Nigeria|North Korea|Norway|Pakistan|Palestine|Peru|Philippines|Poland|' +
  'Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Singapore|Slovakia|Slovenia|' +
  'Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|' +
  'Taiwan|Tanzania|Thailand|Tunisia|Turkey|Uganda|Ukraine|United Arab Emirates|United Kingdom|' +
  'United States|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|UK|US|USA|UAE|' +
  'Britain|Great Britain|England|Scotland|Wales|Northern Ireland|Vatican|Gaza|West Bank|Crimea|' +
  'Europe|Africa|Asia|Latin America|Middle East|Antarctica|Arctic|Caribbean|Scandinavia|' +
  'London|Paris|Berlin|Madrid|Rome|Moscow|Kyiv|Kharkiv|Warsaw|Vienna|Prague|Budapest|Athens|' +
  'Lisbon|Dublin|Brussels|Amsterdam|Geneva|Zurich|Stockholm|Oslo|Copenhagen|Helsinki|Istanbul|' +
  'Munich|Frankfurt|Hamburg|Milan|Venice|Naples|Beijing|Shanghai|Hong Kong|Tokyo|Osaka|Seoul|' +
  'Delhi|New Delhi|Mumbai|Karachi|Dhaka|Bangkok|Jakarta|Manila|Sydney|Melbourne|Auckland|' +
  'Tehran|Baghdad|Jerusalem|Tel Aviv|Beirut|Damascus|Dubai|Riyadh|Cairo|Lagos|Nairobi|Kinshasa|' +
  'Johannesburg|Cape Town|Washington|New York|Los Angeles|San Francisco|Chicago|Houston|Boston|' +
  'Miami|Atlanta|Seattle|Dallas|Philadelphia|Detroit|Phoenix|Las Vegas|Toronto|Montreal|' +
  'Vancouver|Ottawa|Mexico City|Rio de Janeiro|Sao Paulo|Buenos Aires|Lima|Bogota|Santiago|' +
  'Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Cardiff|Belfast|Bristol|Aberdeen|Oxford|' +
  'Cambridge|Norfolk|Cornwall|Yorkshire|Cumbria|' +
  'California|Texas|Florida|Ohio|Pennsylvania|Michigan|Arizona|Nevada|Oklahoma|Delaware|Virginia|' +
  'Alaska|Hawaii|Illinois|Massachusetts|Oregon|Colorado|Louisiana|Tennessee'
).split('|');

// prettier-ignore
const ORGANISATIONS = (
  'Apple|Google|Alphabet|Microsoft|Amazon|Meta|Facebook|Instagram|WhatsApp|YouTube|Tesla|SpaceX|' +
  'Netflix|Spotify|OpenAI|Anthropic|DeepMind|Nvidia|Intel|AMD|IBM|Oracle|Samsung|Sony|Huawei|' +
  'Alibaba|Tencent|TikTok|ByteDance|Uber|Lyft|Airbnb|Twitter|Reddit|PayPal|Visa|Mastercard|' +
  'Toyota|Honda|Volkswagen|BMW|Ferrari|Ford|General Motors|Boeing|Airbus|Ryanair|easyJet|' +
  'British Airways|Rolls-Royce|Disney|Pixar|Warner Bros|Nike|Adidas|Ikea|Tesco|Sainsbury\'s|' +
  'Asda|Walmart|Starbucks|McDonald\'s|Coca-Cola|PepsiCo|Nestlé|Unilever|Pfizer|Moderna|BioNTech|' +
  'AstraZeneca|Shell|BP|ExxonMobil|Chevron|Goldman Sachs|JPMorgan|JPMorgan Chase|' +
  'Morgan Stanley|Barclays|HSBC|Lloyds|BlackRock|Berkshire Hathaway|' +
  'UN|United Nations|EU|European Union|European Commission|European Parliament|' +
  'European Central Bank|ECB|Nato|NATO|WHO|World Health Organization|IMF|World Bank|WTO|' +
  'Red Cross|Amnesty International|Greenpeace|Oxfam|Unicef|NASA|FBI|CIA|FAA|FDA|Federal Reserve|' +
  'Bank of England|Bank of Japan|Congress|Senate|House of Representatives|Supreme Court|' +
  'Knesset|Kremlin|White House|Pentagon|Home Office|Foreign Office|Treasury|NHS|BBC|ITV|CNN|' +
  'Reuters|Hamas|Hezbollah|Taliban|Wagner|Labour|Conservatives|Democrats|Republicans|SNP|' +
  'Harvard University|Oxford University|Cambridge University|MIT|Stanford University|FIFA|Uefa|' +
  'Premier League|Manchester City|Manchester United|Arsenal|Chelsea|Tottenham|Real Madrid|' +
  'Bayern Munich|Borussia Dortmund|Juventus|Inter Miami|Red Bull|Mercedes'
).split('|');

export const GAZETTEER: ReadonlyMap<string, EntityKind> = new Map([
  ...PLACES.map((name) => [name, 'place'] as const),
  ...ORGANISATIONS.map((name) => [name, 'organisation'] as const),
]);

/** Every gazetteer name in the text, longest match first ("New York" before "York"). */
export const GAZETTEER_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...GAZETTEER.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
