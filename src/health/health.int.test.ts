import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

describe('GET /health/ready', () => {
  let database: TestDatabase;
  let unmigrated: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    unmigrated = await createTestDatabase({ migrate: false });
  });
  after(async () => {
    await database.drop();
    await unmigrated.drop();
  });

  async function readiness(env: Record<string, string>) {
    const t = await createTestApp(env);
    try {
      const res = await t.app.inject({ url: '/health/ready' });
      return { status: res.statusCode, body: res.json() };
    } finally {
      await t.close();
    }
  }

  it('is ready when the database is up and migrated', async () => {
    const { status, body } = await readiness({ DATABASE_URL: database.url });
    assert.equal(status, 200);
    assert.equal(body.status, 'ready');
    assert.deepEqual(body.components.database, { status: 'up' });
    assert.deepEqual(body.components.migrations, { status: 'up', pending: [] });
    assert.equal(body.components.cache.kind, 'memory');
  });

  it('answers 503 naming the pending migrations on an unmigrated database', async () => {
    const { status, body } = await readiness({ DATABASE_URL: unmigrated.url });
    assert.equal(status, 503);
    assert.equal(body.status, 'not_ready');
    assert.equal(body.components.migrations.status, 'pending');
    assert.ok(body.components.migrations.pending.length > 0);
  });

  it('answers 503 with the database down, per component', async () => {
    const { status, body } = await readiness({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    assert.equal(status, 503);
    assert.equal(body.components.database.status, 'down');
    assert.equal(typeof body.components.database.detail, 'string');
    assert.equal(body.components.cache.status, 'up');
  });

  it('stays ready with the cache unreachable, reporting it degraded', async () => {
    const { status, body } = await readiness({
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    assert.equal(status, 200);
    assert.equal(body.components.cache.status, 'degraded');
    assert.equal(body.components.cache.kind, 'redis');
  });

  it('answers 503 while draining, so the load balancer stops sending traffic', async () => {
    const t = await createTestApp({ DATABASE_URL: database.url });
    try {
      t.deps.services.health.markDraining();
      const res = await t.app.inject({ url: '/health/ready' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().components.server.status, 'draining');
      const live = await t.app.inject({ url: '/health/live' });
      assert.equal(live.statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
