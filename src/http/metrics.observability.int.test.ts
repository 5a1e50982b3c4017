import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';

/** The value of one series in a Prometheus text body, or undefined when absent. */
function sample(
  body: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (matches) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics: saturation, upstreams and providers', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: '7',
      ...RELAXED_PROVIDER_LIMITS,
      // The first search of a cold sandbox can outlast the default 3 s deadline.
      SEARCH_DEADLINE_MS: '20000',
      PROVIDER_TIMEOUT_MS: '20000',
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  async function scrape(): Promise<string> {
    const res = await t.app.inject({ url: '/metrics' });
    assert.equal(res.statusCode, 200);
    return res.body;
  }

  it('reports the PostgreSQL pool: open, idle and waiting clients, and its size', async () => {
    await t.app.inject({ url: '/health/ready' }); // a query, so the pool has opened a client
    const body = await scrape();
    assert.ok((sample(body, 'newsroom_db_pool_connections', { state: 'total' }) ?? 0) >= 1);
    assert.ok(sample(body, 'newsroom_db_pool_connections', { state: 'idle' }) !== undefined);
    assert.equal(sample(body, 'newsroom_db_pool_connections', { state: 'waiting' }), 0);
    assert.equal(sample(body, 'newsroom_db_pool_max'), 7);
  });

  it('reports event-loop lag', async () => {
    const body = await scrape();
    assert.ok(sample(body, 'newsroom_nodejs_eventloop_lag_seconds') !== undefined);
    assert.ok(sample(body, 'newsroom_nodejs_eventloop_lag_p99_seconds') !== undefined);
  });

  it('times each upstream call by provider and outcome', async () => {
    const res = await t.app.inject({ url: '/v1/search?q=metrics%20upstream%20probe' });
    assert.equal(res.statusCode, 200);
    const body = await scrape();
    for (const provider of ['newsapi', 'guardian', 'reddit']) {
      const count = sample(body, 'newsroom_upstream_call_duration_seconds_count', {
        provider,
        outcome: 'ok',
      });
      assert.ok((count ?? 0) >= 1, `${provider} upstream calls counted`);
    }
  });

  it('reports calls left in each budget window and the breaker state of each provider', async () => {
    const body = await scrape();
    const left = sample(body, 'newsroom_provider_budget_remaining', {
      provider: 'guardian',
      window: 'day',
    });
    assert.ok(left !== undefined && left > 0 && left <= 100000, `guardian day budget ${left}`);
    for (const provider of ['newsapi', 'guardian', 'reddit']) {
      assert.equal(
        sample(body, 'newsroom_provider_breaker_state', { provider, state: 'closed' }),
        1,
      );
      assert.equal(sample(body, 'newsroom_provider_breaker_state', { provider, state: 'open' }), 0);
    }
  });

  it('counts single-flight joins as search cache result="shared"', async () => {
    const url = '/v1/search?q=metrics%20single%20flight%20join';
    const responses = await Promise.all([1, 2, 3, 4].map(() => t.app.inject({ url })));
    assert.ok(responses.every((r) => r.statusCode === 200));
    const body = await scrape();
    const miss = sample(body, 'newsroom_search_cache_total', { result: 'miss' }) ?? 0;
    const shared = sample(body, 'newsroom_search_cache_total', { result: 'shared' }) ?? 0;
    const hit = sample(body, 'newsroom_search_cache_total', { result: 'hit' }) ?? 0;
    // Four concurrent identical searches: one leads; the others join its flight (or, if it
    // already finished, hit the cache it filled). Never four misses.
    assert.ok(shared + hit >= 3, `shared ${shared}, hit ${hit}, miss ${miss}`);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let database: TestDatabase;
  let t: TestApp;
  const token = 'scrape-token-0123456789abcdef';
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, METRICS_TOKEN: token });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('answers 401 without the bearer token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
      const res = await t.app.inject({
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      assert.equal(res.statusCode, 401, String(authorization));
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'unauthorized');
      assert.doesNotMatch(res.body, /newsroom_/);
    }
  });

  it('serves the metrics with the token', async () => {
    const res = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /^# TYPE newsroom_http_request_duration_seconds histogram$/m);
  });
});
