import { intParam, param } from '../http.js';
import type { RedditJson } from './serialize.js';

/**
 * The Listing wrapper and its cursor paging: `after`/`before` are fullnames, `limit` defaults to 25
 * and tops out at 100, and no listing reaches past about 1,000 items (upstream-apis.md §3.10).
 */

export const LISTING_CEILING = 1000;

export interface Child {
  kind: 't3' | 't5';
  name: string;
  data: Record<string, RedditJson | undefined>;
}

export interface ListingExtras {
  /** Search listings carry `facets: {}`; hot listings a `geo_filter`. */
  facets?: boolean;
  geoFilter?: string | null;
}

/** One page of `items` per the request's limit/after/before/count, as a Listing. */
export function listing<T>(
  items: readonly T[],
  query: unknown,
  nameOf: (item: T) => string,
  render: (item: T) => Child,
  extras: ListingExtras = {},
): RedditJson {
  const all = items.slice(0, LISTING_CEILING);
  const limitRaw = intParam(query, 'limit', 25);
  const limit = Number.isNaN(limitRaw) ? 25 : Math.min(100, Math.max(1, limitRaw));
  const after = param(query, 'after');
  const before = param(query, 'before');
  const count = intParam(query, 'count', 0);
  let start = 0;
  let end = Math.min(all.length, limit);
  if (after !== undefined && after !== '') {
    const at = all.findIndex((item) => nameOf(item) === after);
    start = at < 0 ? all.length : at + 1;
    end = Math.min(all.length, start + limit);
  } else if (before !== undefined && before !== '') {
    const at = all.findIndex((item) => nameOf(item) === before);
    end = at < 0 ? 0 : at;
    start = Math.max(0, end - limit);
  }
  const page = all.slice(start, end).map(render);
  const first = page[0];
  const last = page.at(-1);
  const showBefore = start > 0 && ((!Number.isNaN(count) && count > 0) || (before ?? '') !== '');
  return {
    kind: 'Listing',
    data: {
      after: end < all.length && last !== undefined ? last.name : null,
      dist: page.length,
      facets: extras.facets === true ? {} : undefined,
      modhash: '',
      geo_filter: extras.geoFilter === undefined ? undefined : extras.geoFilter,
      children: page.map((child) => ({ kind: child.kind, data: child.data })),
      before: showBefore && first !== undefined ? first.name : null,
    },
  };
}
