import { OUTLETS } from '../corpus/outlets.js';
import { param } from '../http.js';
import { TOPICS } from '../corpus/vocab/topics.js';

/** NewsAPI's source catalogue: the curated outlets that have a source id. All values are strings. */

export interface NewsapiSource {
  id: string;
  name: string;
  description: string;
  url: string;
  category: string;
  language: string;
  country: string;
}

const CATALOGUE: readonly NewsapiSource[] = OUTLETS.flatMap((outlet) => {
  if (outlet.newsapiId === null) return [];
  const topic = TOPICS.find((t) => t.id === outlet.topics[0]);
  return [
    {
      id: outlet.newsapiId,
      name: outlet.name,
      description: `${outlet.name}: news, analysis and opinion from ${outlet.host.replace(/^www\./, '')}.`,
      url: `https://${outlet.host}`,
      category: topic?.newsapiCategory ?? 'general',
      language: outlet.language,
      country: outlet.country,
    },
  ];
});

/** Sources filtered by the optional category, language and country parameters. */
export function listSources(query: unknown): NewsapiSource[] {
  const category = param(query, 'category')?.toLowerCase();
  const language = param(query, 'language')?.toLowerCase();
  const country = param(query, 'country')?.toLowerCase();
  return CATALOGUE.filter(
    (s) =>
      (category === undefined || s.category === category) &&
      (language === undefined || s.language === language) &&
      (country === undefined || s.country === country),
  );
}
