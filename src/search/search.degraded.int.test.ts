import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
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
