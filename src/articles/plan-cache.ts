import { LRUCache } from 'lru-cache';
import type { StoreSpan } from './search-candidates.repository.js';
import type { SearchPlan } from './search-strategy.js';
import type { StoreSearchRequest } from './store-search.js';

/**
 * The strategy chosen for a search, remembered for a minute. Choosing costs a statement (an
 * EXPLAIN that plans the text match against 10,000 lexeme statistics, ~1.5 ms of database CPU and
 * a round trip) and its answer moves only as fast as the store's word frequencies, which is to
 * say not within a minute. With the plan known up front, a repeated query is one statement in a
 * transaction whose settings ride on its BEGIN; a first-time one needs three more (inspect,
 * estimate, pin the plan). The store's time span rides along: a minute-old newest article only
 * widens the first time window by a minute.
 */
export interface PlanCache {
  get(request: StoreSearchRequest, need: number): CachedPlan | undefined;
  set(request: StoreSearchRequest, need: number, plan: CachedPlan): void;
}

export interface CachedPlan {
  plan: SearchPlan;
  estimatedMatches: number;
  /** The store's time span when the plan was chosen: where its time windows fall. */
  span: StoreSpan;
}

export function createPlanCache(options: { max?: number; ttlMs?: number } = {}): PlanCache {
  const plans = new LRUCache<string, CachedPlan>({
    max: options.max ?? 2000,
    ttl: options.ttlMs ?? 60_000,
  });
  return {
    get: (request, need) => plans.get(planKey(request, need)),
    set: (request, need, plan) => plans.set(planKey(request, need), plan),
  };
}

/** Everything the estimate depends on: the text, the filters and the time bounds. */
function planKey(request: StoreSearchRequest, need: number): string {
  const { filters, after } = request;
  return JSON.stringify([
    request.q ?? null,
    need,
    filters.language ?? null,
    filters.provider ?? null,
    filters.outlet ?? null,
    filters.sentiment ?? null,
    request.sort,
    filters.from?.getTime() ?? null,
    filters.before?.getTime() ?? null,
    after !== undefined && 'publishedAt' in after ? after.publishedAt : null,
  ]);
}
