import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/app.js';
import { whileArticlesLocked } from '../../test/articles-lock.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';

// Live search with a dependency gone: each suite has an app of its own, built over it.
interface Body {
  results: { articleId: string | null }[];
  persisted: boolean;
}

describe('GET /v1/search when the store is unavailable', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    // Unmigrated: every write fails, as with PostgreSQL down.
    database = await createTestDatabase({ migrate: false });
    t = await createTestApp({ DATABASE_URL: database.url, ...RELAXED_PROVIDER_LIMITS });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('still answers, flagged persisted:false, and counts the failure', async () => {
    const res = await t.app.inject({ url: '/v1/search?q=climate' });
    assert.equal(res.statusCode, 200);
    const body = res.json<Body>();
    assert.equal(body.persisted, false);
    assert.ok(body.results.length > 0);
    assert.ok(body.results.every((r) => r.articleId === null));
    const metrics = await t.app.inject({ url: '/metrics' });
    // One failed write per provider page (each is written as it arrives).
    const failures = Number(/newsroom_search_persist_failures_total (\d+)/.exec(metrics.body)?.[1]);
    assert.equal(failures, 3);
  });
});

describe('GET /v1/search when the store stalls', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      SEARCH_PERSIST_WAIT_MS: '200',
      ...RELAXED_PROVIDER_LIMITS,
      SEARCH_PARTIAL_TTL_SECONDS: '1',
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('answers without the write once the wait is up; the write lands when the store is back', async () => {
    // Held until the search has answered.
    const { result: res, blocked: waitingWrites } = await whileArticlesLocked(database.url, () =>
      t.app.inject({ url: '/v1/search?q=climate' }),
    );
    // The response came while the write was still queued behind the lock.
    assert.ok(waitingWrites >= 1, `writes waiting on the lock: ${waitingWrites}`);
    assert.equal(res.statusCode, 200);
    const body = res.json<Body>();
    assert.equal(body.persisted, false);
    assert.ok(body.results.length > 0);
    assert.ok(body.results.every((r) => r.articleId === null));
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    assert.equal(Number(/newsroom_search_persist_timeouts_total (\d+)/.exec(metrics)?.[1]), 1);
    assert.equal(Number(/newsroom_search_persist_failures_total (\d+)/.exec(metrics)?.[1]), 0);

    // Not lost: the writes went on, and land once the lock is released.
    let stored = 0;
    for (let i = 0; i < 100 && stored === 0; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(
        database.db,
      );
      stored = rows[0]?.n ?? 0;
      if (stored === 0) await sleep(50);
    }
    assert.ok(stored > 0, 'the blocked write-through never landed');

    // Cached for the short TTL only, like partial results: soon the search has its ids again.
    await sleep(1100);
    const again = await t.app.inject({ url: '/v1/search?q=climate' });
    assert.equal(again.headers['x-cache'], 'MISS');
    const refreshed = again.json<Body>();
    assert.equal(refreshed.persisted, true);
    assert.ok(refreshed.results.every((r) => r.articleId !== null));
  });
});

describe('GET /v1/search when the store stalls under a burst of misses', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      // Live search's store work may hold 2 of the 4 connections; 40 more items may queue.
      DATABASE_POOL_MAX: '4',
      SEARCH_PERSIST_WAIT_MS: '200',
      ...RELAXED_PROVIDER_LIMITS,
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('leaves connections for the rest of the product, sheds what cannot queue, loses nothing it queued', async () => {
    // Words every provider has stories for, so each miss writes three pages.
    const words = [
      'climate',
      'energy',
      'election',
      'inflation',
      'ukraine',
      'covid',
      'apple',
      'gaza',
      'farmers',
      'border',
      'peace',
      'protests',
    ];
    const { result, blocked } = await whileArticlesLocked(database.url, async () => {
      // Twelve misses at once: 36 provider pages to write, each blocked by the lock.
      const searches = await Promise.all(
        words.map((q) => t.app.inject({ url: `/v1/search?q=${q}` })),
      );
      // Other work on the database still finds a connection (reads are not blocked by the lock).
      const read = await t.app.inject({ url: '/v1/articles?q=climate' });
      return { searches, read };
    });
    const { searches, read } = result;
    assert.equal(read.statusCode, 200, read.body);
    // Only the search's share of the pool waits on the lock, not the whole pool.
    assert.equal(blocked, 2);
    for (const res of searches) {
      assert.equal(res.statusCode, 200);
      assert.equal(res.json<Body>().persisted, false);
    }
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    const shed = Number(
      /newsroom_search_store_shed_total\{work="write"\} (\d+)/.exec(metrics)?.[1],
    );
    // 36 writes and 36 lookups: 2 running, 40 queued, the rest shed.
    assert.ok(shed >= 2 && shed <= 34, `writes shed: ${shed}`);
    assert.equal(Number(/newsroom_search_persist_failures_total (\d+)/.exec(metrics)?.[1]), 0);

    // The queued writes run once the lock is gone, and none of them fails.
    let pending = Number.NaN;
    for (let i = 0; i < 200 && pending !== 0; i++) {
      const now = (await t.app.inject({ url: '/metrics' })).body;
      const gauges = [...now.matchAll(/newsroom_search_store_work\{state="\w+"\} (\d+)/g)];
      pending = gauges.length === 2 ? gauges.reduce((sum, m) => sum + Number(m[1]), 0) : NaN;
      if (pending !== 0) await sleep(50);
    }
    assert.equal(pending, 0, 'store work still running or queued');
    const drained = (await t.app.inject({ url: '/metrics' })).body;
    assert.equal(Number(/newsroom_search_persist_failures_total (\d+)/.exec(drained)?.[1]), 0);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(
      database.db,
    );
    assert.ok((rows[0]?.n ?? 0) > 0, 'no queued write landed');
  });
});

describe('shutdown while the store stalls', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.drop();
  });

  it('waits for the write-throughs a stall held back, so they land before the pool closes', async () => {
    // One slot: of the search's three page writes, one runs (blocked) and two queue.
    const t = await createTestApp({
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '2',
      SEARCH_PERSIST_WAIT_MS: '100',
      ...RELAXED_PROVIDER_LIMITS,
    });
    let closing: Promise<void> | undefined;
    const { result: res } = await whileArticlesLocked(database.url, async () => {
      const answered = await t.app.inject({ url: '/v1/search?q=climate' });
      closing = t.close();
      await sleep(300);
      return answered;
    });
    await closing;
    assert.equal(res.json<Body>().persisted, false);
    const { rows } = await sql<{ n: number }>`
      select count(distinct provider)::int as n from article_sources`.execute(database.db);
    assert.equal(rows[0]?.n, 3, 'every provider page was written');
  });
});

describe('GET /v1/search with Redis unreachable', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:1',
      ...RELAXED_PROVIDER_LIMITS,
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('fans out on every request and keeps answering; readiness says degraded, not down', async () => {
    const first = await t.app.inject({ url: '/v1/search?q=climate' });
    const second = await t.app.inject({ url: '/v1/search?q=climate' });
    assert.equal(first.statusCode, 200);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers['x-cache'], 'MISS');
    const ready = await t.app.inject({ url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().components.cache.status, 'degraded');
  });
});
