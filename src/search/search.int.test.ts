import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS, upstreamCalls } from '../../test/search-env.js';

interface Body {
  results: {
    articleId: string | null;
    canonicalUrl: string;
    title: string;
    providers: string[];
    outlets: string[];
    score: number;
    publishedAt: string;
    sentiment: { label: string; score: number } | null;
  }[];
  total: number;
  nextCursor: string | null;
  providers: { provider: string; status: string; count: number; durationMs: number }[];
  partial: boolean;
  persisted: boolean;
}

function outcome(body: Body, provider: string) {
  return body.providers.find((p) => p.provider === provider);
}

const DEADLINE_MS = 8000;

describe('GET /v1/search', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      ...RELAXED_PROVIDER_LIMITS,
      SEARCH_CACHE_TTL_SECONDS: '2',
      SEARCH_PARTIAL_TTL_SECONDS: '1',
      // Generous: CI machines are loaded; the stall test waits this long once.
      SEARCH_DEADLINE_MS: String(DEADLINE_MS),
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });
  const get = (query: string) => t.app.inject({ url: `/v1/search?${query}` });

  it('answers from all three providers, each story once, with every provider that carried it', async () => {
    const res = await get('q=climate&limit=100');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<Body>();
    assert.deepEqual(
      body.providers.map((p) => [p.provider, p.status]),
      [
        ['guardian', 'ok'],
        ['newsapi', 'ok'],
        ['reddit', 'ok'],
      ],
    );
    assert.equal(body.partial, false);
    const urls = body.results.map((r) => r.canonicalUrl);
    assert.equal(new Set(urls).size, urls.length, 'no story twice');
    assert.ok(
      body.results.some((r) => r.providers.length >= 2),
      'the sandbox carries stories across providers; some must merge',
    );
    const sum = body.providers.reduce((n, p) => n + p.count, 0);
    assert.ok(body.total < sum, `dedup reduced ${sum} sightings to ${body.total} stories`);
  });

  it('writes every fetched story through to the store', async () => {
    const body = (await get('q=election&limit=5')).json<Body>();
    assert.equal(body.persisted, true);
    const first = body.results[0];
    assert.ok(first?.articleId);
    const stored = await t.app.inject({ url: `/v1/articles/${first.articleId}` });
    assert.equal(stored.statusCode, 200);
    assert.equal(stored.json().canonicalUrl, first.canonicalUrl);
    assert.ok(stored.json().sources.length >= first.providers.length);
  });

  it('serves a repeated search from the cache, with Age, and folds equivalent spellings', async () => {
    const before = await upstreamCalls(t);
    const miss = await get('q=Ocean%20%20Energy&providers=reddit,guardian');
    assert.equal(miss.headers['x-cache'], 'MISS');
    const hit = await get('q=%20ocean%20energy%20&providers=guardian,reddit,guardian');
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.match(String(hit.headers.age), /^\d+$/);
    assert.equal(hit.body, miss.body, 'the cached bytes are sent as-is');
    const afterCalls = await upstreamCalls(t);
    assert.equal(afterCalls.guardian! - before.guardian!, 1);
    assert.equal(afterCalls.reddit! - before.reddit!, 1);
    assert.equal(afterCalls.newsapi, before.newsapi, 'not asked');
  });

  it('keeps a fixed TTL that hits do not extend', async () => {
    const q = 'q=solar%20power&providers=newsapi';
    assert.equal((await get(q)).headers['x-cache'], 'MISS');
    await sleep(1200);
    assert.equal((await get(q)).headers['x-cache'], 'HIT');
    await sleep(1000);
    assert.equal((await get(q)).headers['x-cache'], 'MISS', 'expired 2 s after the fetch');
  });

  it('makes one upstream call per provider for 20 concurrent identical misses', async () => {
    const before = await upstreamCalls(t);
    const responses = await Promise.all(Array.from({ length: 20 }, () => get('q=vaccine%20trial')));
    assert.ok(responses.every((r) => r.statusCode === 200));
    const afterCalls = await upstreamCalls(t);
    for (const id of ['newsapi', 'guardian', 'reddit']) {
      assert.equal(afterCalls[id]! - before[id]!, 1, id);
    }
  });

  it('returns partial results when a provider stalls, bounded by the deadline, cached briefly', async () => {
    t.deps.sandbox?.faults.set('guardian', { stall: true });
    try {
      const res = await get('q=football');
      assert.equal(res.statusCode, 200);
      const body = res.json<Body>();
      assert.equal(body.partial, true);
      assert.equal(outcome(body, 'guardian')?.status, 'timeout');
      assert.equal(outcome(body, 'newsapi')?.status, 'ok');
      assert.ok(outcome(body, 'guardian')!.durationMs < DEADLINE_MS + 1000, 'cut at the deadline');
      assert.ok(body.results.length > 0);
    } finally {
      t.deps.sandbox?.faults.reset();
    }
    await sleep(1100);
    const recovered = (await get('q=football')).json<Body>();
    assert.equal(outcome(recovered, 'guardian')?.status, 'ok', 'partial entry expired after 1 s');
  });

  it('reports throttled and failing providers by status', async () => {
    t.deps.sandbox?.faults.set('newsapi', { errorRate: 1 });
    t.deps.sandbox?.faults.set('reddit', { rateLimited: { retryAfterSeconds: 1 } });
    try {
      const body = (await get('q=museum%20exhibition')).json<Body>();
      assert.equal(outcome(body, 'newsapi')?.status, 'error');
      assert.equal(outcome(body, 'reddit')?.status, 'rate_limited');
      assert.equal(outcome(body, 'guardian')?.status, 'ok');
    } finally {
      t.deps.sandbox?.faults.reset();
    }
  });

  it('answers 502 upstream_unavailable with every provider’s status when none answers', async () => {
    for (const p of ['newsapi', 'guardian', 'reddit'] as const) {
      t.deps.sandbox?.faults.set(p, { malformedJson: true });
    }
    try {
      const res = await get('q=quantum%20computing');
      assert.equal(res.statusCode, 502);
      const body = res.json();
      assert.equal(body.error.code, 'upstream_unavailable');
      assert.equal(body.providers.length, 3);
      // Reddit may still be paused from the throttling test: any status but ok.
      assert.ok(body.providers.every((p: { status: string }) => p.status !== 'ok'));
      assert.equal(
        body.providers.find((p: { provider: string }) => p.provider === 'guardian').status,
        'error',
      );
      assert.equal((await get('q=quantum%20computing')).statusCode, 502, 'failures are not cached');
    } finally {
      t.deps.sandbox?.faults.reset();
    }
  });

  it('pages through the results with a cursor, in score or time order', async () => {
    const first = (await get('q=health&limit=5')).json<Body>();
    assert.equal(first.results.length, 5);
    const scores = first.results.map((r) => r.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok(first.nextCursor);
    const second = (await get(`q=health&limit=5&cursor=${first.nextCursor}`)).json<Body>();
    const firstUrls = new Set(first.results.map((r) => r.canonicalUrl));
    assert.ok(second.results.every((r) => !firstUrls.has(r.canonicalUrl)));
    const recent = (await get('q=health&limit=10&sort=recency')).json<Body>();
    const times = recent.results.map((r) => r.publishedAt);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('filters and sorts by headline sentiment over the same fetched results, without another fan-out', async () => {
    const all = (await get('q=crisis&limit=100')).json<Body>();
    const calls = await upstreamCalls(t);
    const labels = new Set(all.results.map((r) => r.sentiment?.label));
    assert.ok(labels.has('negative') && labels.size >= 2, `labels ${[...labels].join(', ')}`);
    for (const label of ['positive', 'neutral', 'negative']) {
      const res = await get(`q=crisis&limit=100&sentiment=${label}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<Body>();
      const expected = all.results.filter((r) => r.sentiment?.label === label);
      assert.deepEqual(
        body.results.map((r) => r.canonicalUrl),
        expected.map((r) => r.canonicalUrl),
      );
      assert.equal(body.total, expected.length);
    }
    for (const [sort, sign] of [
      ['sentiment', 1],
      ['-sentiment', -1],
    ] as const) {
      const sorted = (await get(`q=crisis&limit=100&sort=${sort}`)).json<Body>().results;
      assert.equal(sorted.length, all.results.length);
      const moods = sorted.map((r) => sign * (r.sentiment?.score ?? 0));
      assert.deepEqual(
        moods,
        [...moods].sort((a, b) => b - a),
      );
    }
    assert.deepEqual(await upstreamCalls(t), calls, 'filters and sorts use the cached set');
    assert.equal((await get('q=crisis&sentiment=angry')).statusCode, 400);
  });

  it('answers bad input with 400 and the field, never 500', async () => {
    const cases = [
      'q=',
      `q=${'a'.repeat(10_000)}`,
      'q=-%20OR%20%22%22',
      'q=rates&providers=bbc',
      'q=rates&limit=0',
      'q=rates&limit=1000',
      'q=rates&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'q=rates&cursor=%%%broken',
      'q=rates&from=yesterday',
      'q=rates&sort=best',
      'q=rates&unknown=1',
    ];
    for (const query of cases) {
      const res = await get(query);
      assert.equal(
        res.statusCode,
        400,
        `${query.slice(0, 60)} -> ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      assert.equal(res.json().error.code, 'validation_failed');
    }
    const badSort = (await get('q=rates&sort=best')).json<{ error: { message: string } }>();
    assert.equal(
      badSort.error.message,
      'querystring/sort must be one of "relevance", "recency", "sentiment", "-sentiment"',
    );
    const unbalanced = await get('q=%22central%20bank');
    assert.equal(unbalanced.statusCode, 200, 'an unclosed quote is sanitised, not an error');
  });
});
