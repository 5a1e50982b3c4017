import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

describe('GET /metrics', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('counts requests to every route by its template, method and status', async () => {
    await t.app.inject({ url: '/health/live' });
    await t.app.inject({ url: '/health/live' });
    await t.app.inject({ url: '/v1/articles/not-a-number' });
    const res = await t.app.inject({ url: '/metrics' });
    assert.equal(res.statusCode, 200);
    const count = (route: string, status: number) =>
      new RegExp(
        `^newsroom_http_request_duration_seconds_count\\{[^}]*route="${route}"[^}]*status="${String(status)}"[^}]*\\} (\\d+)$`,
        'm',
      ).exec(res.body)?.[1];
    assert.equal(count('/health/live', 200), '2');
    assert.equal(count('/v1/articles/:id', 400), '1');
    assert.doesNotMatch(res.body, /route="\/metrics"/);
  });
});
