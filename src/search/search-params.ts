import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.js';
import { parseQuery, type ParsedQuery } from '../providers/query.js';
import type { ResultSort } from './search-results.js';
import type { SearchQueryParams } from './search.schemas.js';

/**
 * A live search with every default made explicit and every equivalent spelling folded together,
 * so equivalent requests share one cache entry and one upstream fan-out.
 */
export interface CanonicalSearch {
  /** Re-rendered from the parse: NFKC, case-folded, one spelling of each operator. */
  q: string;
  parsed: ParsedQuery;
  /** Sorted, unique; the enabled providers when the caller named none. */
  providers: string[];
  from: Date | null;
  to: Date | null;
  language: string | null;
}

export interface PageRequest {
  sort: ResultSort;
  /** Only results whose headline sentiment has this label. */
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  limit: number;
  offset: number;
}

/** Validates and canonicalises the query string; bad input is a 400 naming the field. */
export function canonicaliseSearch(
  params: SearchQueryParams,
  knownProviders: readonly string[],
  enabledProviders: readonly string[],
): CanonicalSearch {
  // Parse before case-folding: OR is an operator only in capitals.
  const parsed = foldCase(parseQuery(params.q));
  if (parsed.length === 0) {
    throw new AppError('validation_failed', 'querystring/q has no searchable words');
  }
  const q = renderQuery(parsed);
  const named = (params.providers ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  const unknown = named.filter((p) => !knownProviders.includes(p));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      `querystring/providers names unknown providers: ${unknown.join(', ')} (known: ${knownProviders.join(', ')})`,
    );
  }
  const providers = [...new Set(named.length > 0 ? named : enabledProviders)].sort();
  const from = params.from === undefined ? null : new Date(params.from);
  const to = params.to === undefined ? null : new Date(params.to);
  if (from !== null && to !== null && from > to) {
    throw new AppError('validation_failed', 'querystring/from must not be later than to');
  }
  return { q, parsed, providers, from, to, language: params.language?.toLowerCase() ?? null };
}

function foldCase(query: ParsedQuery): ParsedQuery {
  return query.map((clause) => clause.map((t) => ({ ...t, text: t.text.toLowerCase() })));
}

/** Our own syntax again, in one canonical spelling: `a -b "c d" OR e`. */
function renderQuery(query: ParsedQuery): string {
  return query
    .map((clause) =>
      clause.map((t) => `${t.negated ? '-' : ''}${t.phrase ? `"${t.text}"` : t.text}`).join(' '),
    )
    .join(' OR ');
}

/** Cache key of the merged result set (everything but sort and paging). */
export function resultsKey(search: CanonicalSearch): string {
  const canonical = JSON.stringify([
    search.q,
    search.providers,
    search.from?.toISOString() ?? null,
    search.to?.toISOString() ?? null,
    search.language,
  ]);
  return `search:v1:${createHash('sha256').update(canonical).digest('base64url').slice(0, 32)}`;
}

/** Cache key of one serialised page of that result set. */
export function pageKey(resultsCacheKey: string, page: PageRequest): string {
  const filter = page.sentiment === null ? '' : `:${page.sentiment}`;
  return `${resultsCacheKey}:${page.sort}:${page.offset}:${page.limit}${filter}`;
}

/** Opaque cursor: the offset into the result set, bound to the search it came from. */
export function encodeCursor(resultsCacheKey: string, offset: number): string {
  return Buffer.from(`${resultsCacheKey.slice(-8)}:${offset}`).toString('base64url');
}

/** The offset a cursor stands for; 400 when it is malformed or from another search. */
export function decodeCursor(cursor: string | undefined, resultsCacheKey: string): number {
  if (cursor === undefined) return 0;
  const [binding, offset] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const value = Number(offset);
  if (binding !== resultsCacheKey.slice(-8) || !Number.isInteger(value) || value < 0) {
    throw new AppError('validation_failed', 'querystring/cursor does not belong to this search');
  }
  return value;
}

/** What a search's parameters come to: its canonical form, its cache keys and its page. */
export interface SearchKeys {
  search: CanonicalSearch;
  /** Cache key of the merged result set. */
  key: string;
  page: PageRequest;
  /** Cache key of the page. */
  keyOfPage: string;
}

/**
 * canonicaliseSearch and the keys, remembered per parameter set: the same parameters always make
 * the same ones, so a popular search (most cache hits) skips the parsing and hashing, a good part
 * of a hit's own work. Invalid parameters throw every time (nothing is remembered for them).
 */
export function createSearchKeys(
  knownProviders: readonly string[],
  enabledProviders: readonly string[],
): (params: SearchQueryParams) => SearchKeys {
  const recent = new LRUCache<string, SearchKeys>({ max: 2000 });
  return (params) => {
    const id = JSON.stringify(params);
    let found = recent.get(id);
    if (found === undefined) {
      const search = canonicaliseSearch(params, knownProviders, enabledProviders);
      const key = resultsKey(search);
      const page: PageRequest = {
        sort: params.sort,
        sentiment: params.sentiment ?? null,
        limit: params.limit,
        offset: decodeCursor(params.cursor, key),
      };
      found = { search, key, page, keyOfPage: pageKey(key, page) };
      recent.set(id, found);
    }
    return found;
  };
}
