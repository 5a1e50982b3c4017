import { matches, score, type SearchFields } from '../search/match.js';
import type { QueryNode } from '../search/query.js';
import type { EverythingRequest, SearchField, TopHeadlinesRequest } from './params.js';
import type { NewsapiRow } from './rows.js';

/** NewsAPI's matching and ordering over its rows. */

const WEIGHTS: Record<SearchField, number> = { title: 3, description: 2, content: 1 };
const DAY_MS = 86_400_000;
/** Top headlines are the last two days' news. */
const HEADLINE_DAYS = 2;

function fieldsOf(row: NewsapiRow, searchIn: readonly SearchField[]): SearchFields {
  const { search } = row.story;
  return searchIn.map((f) => [f === 'content' ? search.body : search[f], WEIGHTS[f]] as const);
}

const hostMatches = (host: string, domains: readonly string[]): boolean => {
  const bare = host.replace(/^www\./, '');
  return domains.some((d) => bare === d.replace(/^www\./, '') || bare.endsWith(`.${d}`));
};

const sourceOf = (row: NewsapiRow): string | null =>
  row.via === 'google-news' ? 'google-news' : row.story.outlet.newsapiId;

/** Rows matching an /everything request, in its sort order. */
export function searchEverything(
  rows: readonly NewsapiRow[],
  req: EverythingRequest,
): NewsapiRow[] {
  const scored: { row: NewsapiRow; score: number }[] = [];
  for (const row of rows) {
    const { story } = row;
    if (story.publishedAt < req.from || (req.to !== null && story.publishedAt > req.to)) continue;
    if (req.language !== null && story.language !== req.language) continue;
    const source = sourceOf(row);
    if (req.sources !== null && (source === null || !req.sources.includes(source))) continue;
    if (req.domains !== null && !hostMatches(story.outlet.host, req.domains)) continue;
    if (hostMatches(story.outlet.host, req.excludeDomains)) continue;
    if (
      !matchesQuery(row, req.query, req.searchIn) ||
      !matchesQuery(row, req.titleQuery, ['title'])
    )
      continue;
    const relevance =
      req.sortBy === 'relevancy' && req.query !== null
        ? score(req.query, fieldsOf(row, req.searchIn))
        : 0;
    scored.push({ row, score: relevance });
  }
  if (req.sortBy === 'relevancy') scored.sort((a, b) => b.score - a.score);
  if (req.sortBy === 'popularity')
    scored.sort((a, b) => b.row.story.popularity - a.row.story.popularity);
  return scored.map((s) => s.row);
}

/** Rows for a /top-headlines request: recent stories, newest first. */
export function searchTopHeadlines(
  rows: readonly NewsapiRow[],
  req: TopHeadlinesRequest,
  anchor: number,
): NewsapiRow[] {
  const since = anchor - HEADLINE_DAYS * DAY_MS;
  return rows.filter((row) => {
    const { story } = row;
    if (story.publishedAt < since) return false;
    if (req.country !== null && story.outlet.country !== req.country) return false;
    if (req.category !== null && story.category !== req.category) return false;
    if (req.language !== null && story.language !== req.language) return false;
    const source = sourceOf(row);
    if (req.sources !== null && (source === null || !req.sources.includes(source))) return false;
    return matchesQuery(row, req.query, ['title', 'description', 'content']);
  });
}

function matchesQuery(
  row: NewsapiRow,
  query: QueryNode | null,
  searchIn: readonly SearchField[],
): boolean {
  return query === null || matches(query, fieldsOf(row, searchIn));
}
