import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { readOnly, setLocal } from './article-read.repository.js';
import { CandidateSearch, type Inspected, type StoreSpan } from './search-candidates.repository.js';
import { readSearchPage } from './search-page.repository.js';
import type { PlanCache } from './plan-cache.js';
import { chooseStrategy, type SearchPlan } from './search-strategy.js';
import {
  DEFAULT_TUNING,
  isSentimentSort,
  type SearchTuning,
  type StoreSearchRequest,
  type StoreSearchResult,
} from './store-search.js';

/**
 * Full-text search over the article store with bounded cost (docs/performance.md): one read-only
 * transaction under a statement timeout, JIT off; the planner's estimate of the query's matches
 * picks how candidates are found (search-strategy.ts) and pins that plan, relevance ranks only the
 * newest `relevanceCandidates` matches, and only the returned page is highlighted.
 *
 * A search whose plan is known (remembered, or no q) is one statement (search-page.repository.ts)
 * in a transaction whose settings ride on its BEGIN: three round trips (four when its first time
 * window comes up short). A first-time query first inspects the query and the store, estimates,
 * and pins the plan it chose: six.
 */
export async function searchStore(
  db: Db,
  request: StoreSearchRequest,
  tuning: SearchTuning = DEFAULT_TUNING,
  plans?: PlanCache,
): Promise<StoreSearchResult> {
  // Relevance needs words; a q without any is answered before the plan matters.
  const relevance = request.sort === 'relevance' && request.q !== undefined;
  const need = relevance
    ? tuning.relevanceCandidates
    : isSentimentSort(request.sort)
      ? tuning.sentimentCandidates
      : request.limit + 1;
  const search = new CandidateSearch(request, relevance);
  const known: Chosen | undefined =
    request.q === undefined
      ? { plan: undefined, estimatedMatches: null, span: NO_SPAN }
      : tuning.forcePlan === undefined
        ? plans?.get(request, need)
        : undefined;

  // A first page notes the store's highest id for its cursor (see readOnly's remember).
  const remember: Record<string, string> =
    request.snapshot === undefined ? { [SNAPSHOT]: 'select max(id) from articles' } : {};
  const run = async (trx: Db): Promise<StoreSearchResult> => {
    const chosen = known ?? (await choosePlan(trx, search, request, need, tuning, plans));
    if (chosen === 'no-words') return { kind: 'no-words' };
    const { plan } = chosen;
    const windows =
      plan?.strategy === 'bitmap' ? search.windows(plan.firstWindow, chosen.span) : [null];
    const read = (within: (number | null)[]) =>
      readSearchPage(trx, {
        request,
        candidates: search.candidates(need, within),
        query: search.query,
        relevance,
        snippetChars: tuning.snippetSourceChars,
        snapshot: request.snapshot === undefined ? sql<string>`current_setting(${SNAPSHOT})` : null,
      });
    // Time windows are sized to hold the candidates, so the first one usually does; the rest are
    // planned (~0.5 ms each) only when it came up short, in a second statement.
    let page = await read(windows.slice(0, 1));
    if (windows.length > 1 && page.candidates < need) page = await read(windows);
    return {
      kind: 'page',
      hits: page.hits,
      next: page.next,
      snapshot: page.snapshot ?? '0',
      strategy: plan?.strategy ?? 'scan',
      estimatedMatches: chosen.estimatedMatches,
    };
  };
  const settings = planSettings(known?.plan);
  return readOnly(db, tuning.statementTimeoutMs, run, { settings, remember });
}

const SNAPSHOT = 'newsroom.search_snapshot';

/** How a search finds its candidates; no plan lists everything by recency. */
interface Chosen {
  plan: SearchPlan | undefined;
  estimatedMatches: number | null;
  span: StoreSpan;
}

/**
 * A first-time query (or a forced plan): inspect the query and the store, estimate its matches,
 * choose and remember a strategy, and pin it for the statement that follows.
 */
async function choosePlan(
  trx: Db,
  search: CandidateSearch,
  request: StoreSearchRequest,
  need: number,
  tuning: SearchTuning,
  plans: PlanCache | undefined,
): Promise<Chosen | 'no-words'> {
  const inspected = await inspect(trx, request);
  if (inspected.query === null || inspected.nodes === 0) return 'no-words';
  let estimatedMatches: number | null = null;
  let plan = tuning.forcePlan;
  if (plan === undefined) {
    const estimate = await search.estimate(trx, inspected);
    estimatedMatches = estimate.matches;
    plan = chooseStrategy(estimate, need);
    plans?.set(request, need, { plan, estimatedMatches, span: inspected.span });
  }
  await setLocal(trx, planSettings(plan));
  return { plan, estimatedMatches, span: inspected.span };
}

const NO_SPAN: StoreSpan = { oldestMs: null, newestMs: null };

/**
 * Settings every search runs under beyond the timeout and JIT: no parallel workers, whose
 * start-up costs more than these bounded reads save and whose Parallel Append would interleave the
 * time windows that must be read newest first (search-candidates.repository.ts).
 */
const BASE_SETTINGS = { max_parallel_workers_per_gather: '0' } as const;

/** The settings that pin a strategy's plan shape (none without one: a listing by recency). */
function planSettings(plan: SearchPlan | undefined): Record<string, string> {
  if (plan === undefined) return BASE_SETTINGS;
  const walk = plan.strategy === 'walk';
  return {
    ...BASE_SETTINGS,
    enable_seqscan: 'off',
    enable_bitmapscan: walk ? 'off' : 'on',
    enable_indexscan: walk ? 'on' : 'off',
  };
}

/** A first-time query's first statement: the parsed query and the store's time span. */
async function inspect(trx: Db, request: StoreSearchRequest): Promise<Inspected> {
  const q = request.q ?? null;
  const { rows } = await sql<{
    query: string | null;
    nodes: number | null;
    tree: string | null;
    oldest_ms: number | null;
    newest_ms: number | null;
  }>`
    select websearch_to_tsquery('english', ${q}::text)::text as query,
      numnode(websearch_to_tsquery('english', ${q}::text)) as nodes,
      querytree(websearch_to_tsquery('english', ${q}::text)) as tree,
      extract(epoch from (select min(published_at) from articles))::float8 * 1000 as oldest_ms,
      extract(epoch from (select max(published_at) from articles))::float8 * 1000 as newest_ms
  `.execute(trx);
  const row = rows[0];
  return {
    query: row?.query ?? null,
    nodes: row?.nodes ?? 0,
    indexable: row?.tree !== 'T',
    span: { oldestMs: row?.oldest_ms ?? null, newestMs: row?.newest_ms ?? null },
  };
}
