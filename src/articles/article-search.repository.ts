import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { readOnly, readSettings } from './article-read.repository.js';
import { hydrateHits } from './article-hits.repository.js';
import { compareKeys, relevancePage, type RankedCandidate } from './relevance.js';
import { CandidateSearch, type Prepared } from './search-candidates.repository.js';
import type { PlanCache } from './plan-cache.js';
import { chooseStrategy } from './search-strategy.js';
import {
  DEFAULT_TUNING,
  isSentimentSort,
  type RecencyKey,
  type RelevanceKey,
  type SearchStrategy,
  type SearchTuning,
  type StoreSearchRequest,
  type StoreSearchResult,
} from './store-search.js';

/**
 * Full-text search over the article store with bounded cost (docs/performance.md): one read-only
 * transaction under a statement timeout, JIT off; the query is parsed once by
 * websearch_to_tsquery (which accepts any text), the planner's estimate of its matches picks how
 * candidates are found (search-strategy.ts), relevance ranks only the newest
 * `relevanceCandidates` matches, and only the returned page is highlighted.
 */
export async function searchStore(
  db: Db,
  request: StoreSearchRequest,
  tuning: SearchTuning = DEFAULT_TUNING,
  plans?: PlanCache,
): Promise<StoreSearchResult> {
  return readOnly(db, tuning.statementTimeoutMs, (trx) => run(trx, request, tuning, plans));
}

async function run(
  trx: Db,
  request: StoreSearchRequest,
  tuning: SearchTuning,
  plans: PlanCache | undefined,
): Promise<StoreSearchResult> {
  // Relevance needs words; a q without any is answered before the plan matters.
  const relevance = request.sort === 'relevance' && request.q !== undefined;
  const bySentiment = isSentimentSort(request.sort);
  const need = relevance
    ? tuning.relevanceCandidates
    : bySentiment
      ? tuning.sentimentCandidates
      : request.limit + 1;
  const known =
    tuning.forcePlan !== undefined
      ? { plan: tuning.forcePlan, estimatedMatches: null }
      : request.q === undefined
        ? undefined
        : plans?.get(request, need);
  const prepared = await prepare(trx, request, tuning, known?.plan.strategy);
  if (request.q !== undefined && (prepared.query === null || prepared.nodes === 0)) {
    return { kind: 'no-words' };
  }
  const search = new CandidateSearch(request, prepared, relevance);

  let strategy: SearchStrategy = 'scan';
  let estimatedMatches: number | null = known?.estimatedMatches ?? null;
  let candidates: RankedCandidate[];
  if (prepared.query === null) {
    candidates = await search.fetch(trx, need, []);
  } else {
    let plan = known?.plan;
    if (plan === undefined) {
      const estimate = await search.estimate(trx);
      estimatedMatches = estimate.matches;
      plan = chooseStrategy(estimate, need);
      plans?.set(request, need, { plan, estimatedMatches });
      await usePlan(trx, plan.strategy);
    }
    strategy = plan.strategy;
    candidates =
      plan.strategy === 'walk'
        ? await search.fetch(trx, need, [])
        : await search.fetchInWindows(trx, need, plan.firstWindow);
  }

  const { page, hasMore, scores } = bySentiment
    ? sentimentPage(candidates, request)
    : paginate(candidates, request, relevance);
  const hits = await hydrateHits(trx, page, prepared.query, scores, tuning.snippetSourceChars);
  const last = hits.at(-1);
  let next: RecencyKey | RelevanceKey | null = null;
  if (hasMore && last !== undefined) {
    const lastCandidate = page.at(-1);
    next = relevance
      ? { score: last.score ?? 0, id: last.id }
      : bySentiment
        ? { score: lastCandidate?.rank ?? 0, id: last.id }
        : { publishedAt: lastCandidate?.publishedAt ?? '', id: last.id };
  }
  return { kind: 'page', hits, next, snapshot: prepared.snapshot, strategy, estimatedMatches };
}

function paginate(
  candidates: RankedCandidate[],
  request: StoreSearchRequest,
  relevance: boolean,
): { page: RankedCandidate[]; hasMore: boolean; scores: Map<string, number> | null } {
  if (!relevance) {
    return {
      page: candidates.slice(0, request.limit),
      hasMore: candidates.length > request.limit,
      scores: null,
    };
  }
  const after = request.after !== undefined && 'score' in request.after ? request.after : undefined;
  const { page, hasMore } = relevancePage(candidates, request.referenceTime, after, request.limit);
  return { page, hasMore, scores: new Map(page.map((c) => [c.id, c.score])) };
}

/**
 * A page in sentiment order: the candidates' rank is their score (negated for -sentiment), ties
 * broken by id, both descending; keyset on (rank, id) like relevance.
 */
function sentimentPage(
  candidates: RankedCandidate[],
  request: StoreSearchRequest,
): { page: RankedCandidate[]; hasMore: boolean; scores: null } {
  const key = (c: RankedCandidate) => ({ score: c.rank, id: c.id });
  const after = request.after !== undefined && 'score' in request.after ? request.after : undefined;
  const sorted = [...candidates].sort((a, b) => compareKeys(key(b), key(a)));
  const rest = after === undefined ? sorted : sorted.filter((c) => compareKeys(key(c), after) < 0);
  return { page: rest.slice(0, request.limit), hasMore: rest.length > request.limit, scores: null };
}

/** Statement 1: settings, the parsed query, the snapshot and the store's time span. */
async function prepare(
  trx: Db,
  request: StoreSearchRequest,
  tuning: SearchTuning,
  strategy: 'walk' | 'bitmap' | undefined,
): Promise<Prepared> {
  const q = request.q ?? null;
  const { rows } = await sql<{
    query: string | null;
    nodes: number | null;
    tree: string | null;
    snapshot: string | null;
    oldest_ms: number | null;
    newest_ms: number | null;
  }>`
    select ${readSettings(tuning.statementTimeoutMs)},
      ${strategy === undefined ? sql`null` : planSettings(strategy)} as plan,
      websearch_to_tsquery('english', ${q}::text)::text as query,
      numnode(websearch_to_tsquery('english', ${q}::text)) as nodes,
      querytree(websearch_to_tsquery('english', ${q}::text)) as tree,
      (select max(id) from articles)::text as snapshot,
      extract(epoch from (select min(published_at) from articles))::float8 * 1000 as oldest_ms,
      extract(epoch from (select max(published_at) from articles))::float8 * 1000 as newest_ms
  `.execute(trx);
  const row = rows[0];
  return {
    query: row?.query ?? null,
    nodes: row?.nodes ?? 0,
    indexable: row?.tree !== 'T',
    snapshot: request.snapshot ?? row?.snapshot ?? '0',
    oldestMs: row?.oldest_ms ?? null,
    newestMs: row?.newest_ms ?? null,
  };
}

/** Pins the plan shape the strategy chose; SET LOCAL ends with the transaction. */
async function usePlan(trx: Db, strategy: 'walk' | 'bitmap'): Promise<void> {
  await sql`select ${planSettings(strategy)}`.execute(trx);
}

/** The settings that pin a strategy's plan shape, as one select-list expression. */
function planSettings(strategy: 'walk' | 'bitmap') {
  const walk = strategy === 'walk';
  return sql`concat_ws(',', set_config('enable_seqscan', 'off', true),
    set_config('enable_bitmapscan', ${walk ? 'off' : 'on'}, true),
    set_config('enable_indexscan', ${walk ? 'on' : 'off'}, true))`;
}
