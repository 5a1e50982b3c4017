import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createDatabase } from '../db/database.js';
import { AppError } from '../errors.js';
import { searchStore } from './article-search.repository.js';
import { createPlanCache } from './plan-cache.js';
import type { SearchPlan } from './search-strategy.js';
import {
  DEFAULT_TUNING,
  type StoreSearchFilters,
  type StoreSearchRequest,
} from './store-search.js';

const ROWS = 6000;
const WALK: SearchPlan = { strategy: 'walk' };
const now = new Date('2026-11-27T00:00:00Z');

describe('store search strategies', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    // One article an hour, oldest first (the order a feed ingests them): "common" in 90% of
    // them, "middle" in 10%, "sparse" in 1%, "needle" in 3, and the phrase "alpha beta" in 5%.
    await sql`
      insert into articles (canonical_url, url, title, description, published_at)
      select 'https://strategy.example/' || g, 'https://strategy.example/' || g,
        concat_ws(' ', 'story', case when g % 10 <> 0 then 'common' end,
          case when g % 10 = 3 then 'middle' end, case when g % 100 = 7 then 'sparse' end,
          case when g in (11, 2500, 5999) then 'needle' end),
        case when g % 20 = 1 then 'alpha beta gamma' else 'beta gamma alpha' end,
        ${now}::timestamptz - ((${ROWS} - g) || ' hours')::interval
      from generate_series(1, ${ROWS}) g
    `.execute(database.db);
    await sql`vacuum analyze articles`.execute(database.db);
  });
  after(() => database.drop());

  const search = (q: string, extra: Partial<StoreSearchRequest> = {}, forcePlan?: SearchPlan) =>
    searchStore(
      database.db,
      { q, filters: {}, sort: 'recency', limit: 20, referenceTime: now, ...extra },
      { ...DEFAULT_TUNING, forcePlan },
    );

  async function reference(q: string, filters: StoreSearchFilters, limit: number) {
    const { rows } = await sql<{ id: string }>`
      select id from articles
      where search @@ websearch_to_tsquery('english', ${q})
        and published_at >= ${filters.from ?? new Date(0)}
        and published_at < ${filters.before ?? new Date('9999-01-01')}
      order by published_at desc, id desc limit ${limit}`.execute(database.db);
    return rows.map((r) => r.id);
  }

  it('walks the recency index for a word in most articles', async () => {
    const result = await search('common');
    assert.equal(result.kind === 'page' && result.strategy, 'walk');
  });

  it('asks the GIN index for a word in three articles', async () => {
    const result = await search('needle');
    assert.equal(result.kind === 'page' && result.strategy, 'bitmap');
    assert.equal(result.kind === 'page' && result.hits.length, 3);
  });

  it('finds the same newest matches whichever strategy it takes', async () => {
    const plans: SearchPlan[] = [
      { strategy: 'walk' },
      { strategy: 'bitmap', firstWindow: 1 },
      { strategy: 'bitmap', firstWindow: 0.002 },
    ];
    const dated = { from: new Date(now.getTime() - 2000 * 3_600_000), before: now };
    for (const q of ['common', 'middle', 'sparse', 'needle', '"alpha beta"', 'sparse OR needle']) {
      for (const filters of [{}, dated]) {
        const expected = await reference(q, filters, 50);
        for (const forcePlan of plans) {
          const result = await search(q, { filters, limit: 50 }, forcePlan);
          const ids = result.kind === 'page' ? result.hits.map((h) => h.id) : [];
          assert.deepEqual(
            ids,
            expected,
            `${q} ${JSON.stringify(filters)} ${JSON.stringify(forcePlan)}`,
          );
        }
      }
    }
  });

  it('ranks only the newest candidates, all of them when fewer match', async () => {
    const few = await searchStore(
      database.db,
      { q: 'sparse', filters: {}, sort: 'relevance', limit: 100, referenceTime: now },
      { ...DEFAULT_TUNING, relevanceCandidates: 25 },
    );
    assert.equal(few.kind === 'page' && few.hits.length, 25);
    const newest = await reference('sparse', {}, 25);
    assert.deepEqual(
      few.kind === 'page' ? few.hits.map((h) => h.id).sort() : [],
      [...newest].sort(),
    );
  });

  it('pages by relevance through every candidate exactly once, best first, ties by id', async () => {
    // "middle" articles share one title shape, so many ranks tie and only ids order them.
    const request: StoreSearchRequest = {
      q: 'middle',
      filters: {},
      sort: 'relevance',
      limit: 7,
      referenceTime: now,
    };
    const seen: { id: string; score: number }[] = [];
    let next: StoreSearchRequest = request;
    for (let pages = 0; pages < 50; pages += 1) {
      const result = await searchStore(database.db, next);
      assert.equal(result.kind, 'page');
      if (result.kind !== 'page') break;
      seen.push(...result.hits.map((h) => ({ id: h.id, score: h.score ?? Number.NaN })));
      if (result.next === null) break;
      next = { ...request, snapshot: result.snapshot, after: result.next };
    }
    assert.equal(seen.length, DEFAULT_TUNING.relevanceCandidates);
    assert.equal(new Set(seen.map((s) => s.id)).size, seen.length);
    const newest = await reference('middle', {}, DEFAULT_TUNING.relevanceCandidates);
    assert.deepEqual(seen.map((s) => s.id).sort(), [...newest].sort());
    for (let i = 1; i < seen.length; i += 1) {
      const [a, b] = [seen[i - 1], seen[i]];
      assert.ok(a !== undefined && b !== undefined);
      assert.ok(
        a.score > b.score || (a.score === b.score && BigInt(a.id) > BigInt(b.id)),
        `position ${i}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`,
      );
    }
  });

  it('answers "no words" for a q that is only stop words', async () => {
    assert.deepEqual(await search('the and of'), { kind: 'no-words' });
  });

  it('cancels a search that outlives its statement timeout with a retryable 503 error', async () => {
    const started = Date.now();
    await assert.rejects(
      searchStore(
        database.db,
        { q: 'nowhere', filters: {}, sort: 'recency', limit: 20, referenceTime: now },
        // A walk for a word no row holds reads the whole table: far more than 1 ms.
        { ...DEFAULT_TUNING, statementTimeoutMs: 1, forcePlan: WALK },
      ),
      (error: unknown) =>
        error instanceof AppError && error.code === 'service_unavailable' && error.retryable,
    );
    assert.ok(Date.now() - started < 10_000, 'it gave up instead of hanging');
  });

  it('hands its connection back usable after a cancelled search', async () => {
    // One connection: a search left in an aborted transaction would fail the next statement.
    const single = createDatabase({
      connectionString: database.url,
      poolMax: 1,
      applicationName: 'newsroom-test',
    });
    try {
      const request: StoreSearchRequest = {
        q: 'nowhere',
        filters: {},
        sort: 'recency',
        limit: 20,
        referenceTime: now,
      };
      const timedOut = { ...DEFAULT_TUNING, statementTimeoutMs: 1, forcePlan: WALK };
      await assert.rejects(searchStore(single, request, timedOut), AppError);
      // Outside a transaction a statement starts its own, so its now() is its own start time;
      // inside one left open, now() is when that one began. An aborted one would throw here.
      const { rows } = await sql<{ state: string }>`
        select case when pg_current_xact_id_if_assigned() is null
          and now() = statement_timestamp() then 'idle' else 'in transaction' end as state
      `.execute(single);
      assert.equal(rows[0]?.state, 'idle');
      const result = await searchStore(single, { ...request, q: 'needle' });
      assert.equal(result.kind === 'page' && result.hits.length, 3);
    } finally {
      await single.destroy();
    }
  });

  it('reuses a remembered strategy for a repeated search and finds the same page', async () => {
    const plans = createPlanCache();
    const request: StoreSearchRequest = {
      q: 'middle',
      filters: {},
      sort: 'recency',
      limit: 20,
      referenceTime: now,
    };
    const first = await searchStore(database.db, request, DEFAULT_TUNING, plans);
    assert.ok(plans.get(request, 21) !== undefined, 'the first search remembered its plan');
    const again = await searchStore(database.db, request, DEFAULT_TUNING, plans);
    assert.deepEqual(again, first);
    // Another page or word is another plan.
    assert.equal(plans.get({ ...request, q: 'sparse' }, 21), undefined);
  });
});
