import { hashString } from '../random.js';
import type { Language, Subreddit } from './story.js';
import type { ForeignLanguage } from './vocab/languages.js';

/** The subreddits the corpus posts into: every topic's communities plus one per language. */

// name|title|subscribers|language|over18
// prettier-ignore
const SOURCE = [
  'worldnews|World News|41000000|en', 'news|News|29000000|en', 'politics|Politics|8700000|en',
  'ukpolitics|UK Politics|540000|en', 'economics|Economics|3400000|en', 'business|Business|2100000|en',
  'stocks|Stocks|7600000|en', 'climate|Climate|180000|en', 'environment|Environment|1600000|en',
  'energy|Energy|240000|en', 'technology|Technology|16000000|en', 'programming|programming|6700000|en',
  'Futurology|Futurology|21000000|en', 'gadgets|gadgets|21000000|en', 'health|Health|450000|en',
  'medicine|medicine|560000|en', 'science|Science|32000000|en', 'EverythingScience|Everything Science|300000|en',
  'space|Space|26000000|en', 'sports|Sports|22000000|en', 'soccer|soccer|8000000|en', 'nba|NBA|13000000|en',
  'formula1|Formula 1|5000000|en', 'movies|Movies|33000000|en', 'books|books|25000000|en', 'Music|Music|33000000|en',
  'television|Television|18000000|en', 'europe|Europe|4800000|en', 'geopolitics|Geopolitics|500000|en',
  'arabs|العرب|150000|ar', 'asia|Asia|300000|en', 'China|China|1200000|en', 'india|India|2600000|en',
  'Africa|Africa|210000|en', 'UpliftingNews|Uplifting News|18000000|en', 'latinamerica|Latin America|200000|en',
  'CombatFootage|Combat Footage|1600000|en|nsfw', 'de|Deutschland|850000|de', 'france|France|900000|fr',
  'spain|España|400000|es', 'italy|Italia|600000|it', 'russia|Россия|300000|ru', 'China_irl|中国|250000|zh',
];

export const LANGUAGE_SUBREDDIT: Record<ForeignLanguage, string> = {
  de: 'de',
  fr: 'france',
  es: 'spain',
  it: 'italy',
  ar: 'arabs',
  ru: 'russia',
  zh: 'China_irl',
};

/** The subreddit catalogue; ids and creation dates derive from the names, not the seed. */
export function buildSubreddits(): Subreddit[] {
  return SOURCE.map((line) => {
    const [name = '', title = '', subscribers = '0', language = 'en', flag] = line.split('|');
    const [h1, h2] = hashString(`subreddit:${name}`);
    return {
      name,
      id36: ((h1 % 60_000_000) + 100_000).toString(36),
      title,
      description: `The place for ${title} on Reddit. Read the rules before posting & keep it civil.`,
      subscribers: Number(subscribers),
      over18: flag === 'nsfw',
      createdUtc: 1_200_000_000 + (h2 % 400_000_000),
      language: language as Language,
    };
  });
}
