import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { reply, startUpstream, type Upstream } from '../../test/upstream-server.js';

interface StatusBody {
  providers: {
    id: string;
    enabled: boolean;
    mode: string;
    breaker: string;
    budget: { window: string; limit: number; used: number; remaining: number }[];
    lastError: { kind: string } | null;
    lastSuccessAt: string | null;
  }[];
}

const search = { q: 'climate', pageSize: 5 };
const signal = () => ({ signal: AbortSignal.timeout(10_000) });

describe('providers with no keys (sandbox mode)', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, BREAKER_FAILURES: '2' });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('runs the in-process sandbox and reports every provider in sandbox mode', async () => {
    assert.ok(t.deps.sandbox, 'sandbox started');
    const res = await t.app.inject({ url: '/v1/providers' });
    assert.equal(res.statusCode, 200);
    const body = res.json<StatusBody>();
    assert.deepEqual(
      body.providers.map((p) => [p.id, p.enabled, p.mode, p.breaker]),
      [
        ['newsapi', true, 'sandbox', 'closed'],
        ['guardian', true, 'sandbox', 'closed'],
        ['reddit', true, 'sandbox', 'closed'],
      ],
    );
    const guardian = body.providers.find((p) => p.id === 'guardian');
    assert.deepEqual(
      guardian?.budget.map((b) => [b.window, b.limit]),
      [
        ['second', 1],
        ['day', 500],
      ],
    );
  });

  it('searches each provider over real HTTP and counts the calls against its budget', async () => {
    // Budget windows are aligned to the clock; Reddit's is a minute. Start well inside one so
    // the count is read in the window the call was made in.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await sleep(60_000 - intoMinute + 50);
    for (const provider of t.deps.services.providers.enabled) {
      const page = await provider.search(search, signal());
      assert.ok(page.articles.length > 0, `${provider.id} returned articles`);
      for (const article of page.articles) {
        assert.equal(article.source.provider, provider.id);
        assert.match(article.canonicalUrl, /^https:\/\//);
      }
    }
    const body = (await t.app.inject({ url: '/v1/providers' })).json<StatusBody>();
    for (const p of body.providers) {
      assert.ok(p.lastSuccessAt !== null, p.id);
      assert.equal(p.budget.at(-1)?.used, 1, `${p.id} spent one call`);
    }
  });

  it('opens the breaker of a failing provider and shows it in /health/ready without failing it', async () => {
    t.deps.sandbox?.faults.set('reddit', { reset: true });
    const reddit = t.deps.services.providers.get('reddit');
    assert.ok(reddit);
    await assert.rejects(reddit.search(search, signal()), { kind: 'unavailable' });
    await assert.rejects(reddit.search(search, signal()), { kind: 'circuit_open' });
    t.deps.sandbox?.faults.reset();
    const ready = await t.app.inject({ url: '/health/ready' });
    assert.equal(ready.statusCode, 200);
    const providers = ready.json().components.providers;
    assert.equal(providers.status, 'degraded');
    assert.deepEqual(providers.open, ['reddit']);
    const redditHealth = providers.details.find((d: { id: string }) => d.id === 'reddit');
    assert.equal(redditHealth.breaker, 'open');
    // Two failed attempts spent budget (the minute window may have rolled over since the
    // earlier test's call, hence "at most").
    assert.ok(redditHealth.callsLeft <= 58, `callsLeft ${redditHealth.callsLeft}`);
    const status = (await t.app.inject({ url: '/v1/providers' }))
      .json<StatusBody>()
      .providers.find((p) => p.id === 'reddit');
    assert.equal(status?.breaker, 'open');
    assert.equal(status?.lastError?.kind, 'circuit_open');
  });
});

describe('a provider with credentials set (live mode)', () => {
  let database: TestDatabase;
  let upstream: Upstream;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    upstream = await startUpstream(
      reply(200, JSON.stringify({ status: 'ok', totalResults: 0, articles: [] })),
    );
    t = await createTestApp({
      DATABASE_URL: database.url,
      NEWSAPI_KEY: 'live-key-123',
      NEWSAPI_BASE_URL: upstream.baseUrl,
      PROVIDERS_ENABLED: 'newsapi,guardian',
    });
  });
  after(async () => {
    await t.close();
    await upstream.close();
    await database.drop();
  });

  it('talks to its configured base URL with its own key, never to the sandbox', async () => {
    const newsapi = t.deps.services.providers.get('newsapi');
    await newsapi?.search(search, signal());
    assert.equal(upstream.requests.length, 1);
    assert.equal(upstream.requests[0]?.path, '/v2/everything');
    assert.equal(upstream.requests[0]?.headers['x-api-key'], 'live-key-123');
  });

  it('reports live, sandbox and disabled providers', async () => {
    const body = (await t.app.inject({ url: '/v1/providers' })).json<StatusBody>();
    assert.deepEqual(
      body.providers.map((p) => [p.id, p.enabled, p.mode]),
      [
        ['newsapi', true, 'live'],
        ['guardian', true, 'sandbox'],
        ['reddit', false, 'sandbox'],
      ],
    );
    assert.equal(t.deps.services.providers.get('reddit'), undefined);
  });
});

describe('PROVIDERS_ENABLED with an unknown name', () => {
  it('refuses to start, naming it', async () => {
    await assert.rejects(
      createTestApp({
        DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
        PROVIDERS_ENABLED: 'newsapi,bbc',
      }),
      /unknown providers: bbc/,
    );
  });
});
