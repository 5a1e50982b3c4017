import { ProviderError } from '../provider-error.js';
import type { SearchQuery } from '../provider.js';
import { parseQuery, type ParsedQuery, type QueryTerm } from '../query.js';
import { PROVIDER } from './reddit.http.js';

/** Reddit caps `q` at 512 characters and `limit` at 100 (§3.9). */
const MAX_QUERY_LENGTH = 512;
const MAX_LIMIT = 100;
// Posts the adapter drops (removed, NSFW, stickied, outside the date range) would otherwise leave
// the page short; asking for a few more is cheaper than a second call.
const DROP_SLACK = 5;

/**
 * Our parsed query in Reddit's Lucene-like syntax: clauses joined by OR and parenthesised, terms
 * in a clause joined by AND, exclusions as AND NOT, phrases in double quotes. parseQuery already
 * removed `:` and parentheses, so no term can turn into a field operator (`subreddit:`, `self:`).
 */
export function renderRedditQuery(query: ParsedQuery): string {
  const clauses = query.map((clause) => {
    const positive = clause.filter((term) => !term.negated).map(quoted);
    const negative = clause.filter((term) => term.negated).map((term) => `NOT ${quoted(term)}`);
    const body = [...positive, ...negative].join(' AND ');
    return query.length > 1 && clause.length > 1 ? `(${body})` : body;
  });
  return clauses.join(' OR ');
}

function quoted(term: QueryTerm): string {
  const text = term.text.replace(/"/g, '');
  // Operator words are case-insensitive in some of Reddit's search back ends.
  return term.phrase || /^(AND|OR|NOT)$/i.test(text) ? `"${text}"` : text;
}

export type SearchWindow = 'hour' | 'day' | 'week' | 'month' | 'year' | 'all';

// Each window must cover `from`, so the thresholds sit at or under Reddit's shortest reading of
// the word (a month of 28 days); a wider window only costs results the adapter filters out.
const WINDOWS: ReadonlyArray<[SearchWindow, number]> = [
  ['hour', 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['month', 28 * 24 * 60 * 60 * 1000],
  ['year', 365 * 24 * 60 * 60 * 1000],
];

/** The narrowest `t` window that still reaches back to `from` ('all' without one). */
export function searchWindow(from: Date | undefined, now: Date): SearchWindow {
  if (from === undefined) return 'all';
  const age = now.getTime() - from.getTime();
  return WINDOWS.find(([, span]) => age <= span)?.[0] ?? 'all';
}

/**
 * The `/search` parameters for a query, or null when nothing can match (no searchable terms, or
 * `to` before `from`). Within an hour or a day we sort by `new`, so the freshest posts are the ones
 * that come back; wider windows use `relevance`, where `t` does the narrowing. `t` is sent either
 * way (new ignores it). Language is not a Reddit search filter, so it is not sent.
 */
export function searchParams(
  query: SearchQuery,
  now: Date,
  includeNsfw: boolean,
): Record<string, string> | null {
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) return null;
  const q = renderRedditQuery(parseQuery(query.q));
  if (q === '') return null;
  if (q.length > MAX_QUERY_LENGTH) {
    throw new ProviderError(
      PROVIDER,
      'bad_request',
      `Reddit queries are limited to ${MAX_QUERY_LENGTH} characters`,
    );
  }
  const t = searchWindow(query.from, now);
  return {
    q,
    sort: t === 'hour' || t === 'day' ? 'new' : 'relevance',
    t,
    limit: String(listingLimit(query.pageSize)),
    type: 'link',
    ...(includeNsfw ? { include_over_18: 'on' } : {}),
  };
}

/** The page size clamped to what one Reddit listing can hold (1..100). */
export function pageSizeFor(requested: number): number {
  if (!Number.isFinite(requested)) return MAX_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(requested)));
}

/** How many items to ask a listing for, so a page of `pageSize` survives the adapter's drops. */
export function listingLimit(pageSize: number): number {
  return Math.min(MAX_LIMIT, pageSizeFor(pageSize) + DROP_SLACK);
}
