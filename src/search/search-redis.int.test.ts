import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { redisSkipReason, testEnv } from '../../test/env.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';

// Two instances sharing Redis and the database, as two ECS tasks would.
describe('GET /v1/search across two instances sharing Redis', { skip: redisSkipReason() }, () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl ?? '',
      ...RELAXED_PROVIDER_LIMITS,
    };
    a = await createTestApp(env);
    b = await createTestApp(env);
  });
  after(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  /** Fan-outs each instance made, per provider (from its own metrics). */
  async function fanOuts(t: TestApp): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const v of (await t.deps.metrics.providerOutcomes.get()).values) {
      const provider = String(v.labels.provider);
      counts.set(provider, (counts.get(provider) ?? 0) + v.value);
    }
    return counts;
  }

  it('makes one upstream call per provider for a burst of identical misses on both', async () => {
    const [beforeA, beforeB] = [await fanOuts(a), await fanOuts(b)];
    const q = `q=harbour%20${Date.now().toString(36)}`;
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).app.inject({ url: `/v1/search?${q}` })),
    );
    assert.ok(burst.every((r) => r.statusCode === 200));
    const [afterA, afterB] = [await fanOuts(a), await fanOuts(b)];
    for (const provider of ['newsapi', 'guardian', 'reddit']) {
      const calls =
        (afterA.get(provider) ?? 0) -
        (beforeA.get(provider) ?? 0) +
        (afterB.get(provider) ?? 0) -
        (beforeB.get(provider) ?? 0);
      assert.equal(calls, 1, provider);
    }
  });

  it('serves one instance’s fetch from the other’s cache', async () => {
    const q = `q=glacier%20${Date.now().toString(36)}`;
    const first = await a.app.inject({ url: `/v1/search?${q}` });
    const second = await b.app.inject({ url: `/v1/search?${q}` });
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
  });
});
