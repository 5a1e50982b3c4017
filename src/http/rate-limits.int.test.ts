import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsync, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { redisSkipReason, testEnv } from '../../test/env.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';
import { apiKeyFor, createTestUser, signIn } from '../../test/users.js';

// A cheap API route that answers who the request acts for (as the product's routes see it).
const probe: FastifyPluginAsync = async (app) => {
  app.get('/v1/test/whoami', async (req) => ({ userId: req.principal?.userId ?? null }));
};

const LIMITS = {
  API_KEY_HOURLY_LIMIT_BASIC: '3',
  API_KEY_HOURLY_LIMIT_PREMIUM: '6',
  ANONYMOUS_SEARCH_HOURLY_LIMIT: '2',
};

function assertRateLimited(res: LightMyRequestResponse, limit: number): void {
  assert.equal(res.statusCode, 429, res.body);
  const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, 'rate_limited');
  assert.match(body.error.message, new RegExp(`${limit} requests per hour`));
  assert.equal(body.error.requestId, res.headers['x-request-id']);
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 3600, `retry-after ${retryAfter}`);
  assert.equal(res.headers['ratelimit-limit'], String(limit));
  assert.equal(res.headers['ratelimit-remaining'], '0');
  assert.equal(res.headers['ratelimit-reset'], String(retryAfter));
}

describe('rate limits (in memory)', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp(
      {
        DATABASE_URL: database.url,
        ...RELAXED_PROVIDER_LIMITS,
        ...LIMITS,
        CORS_ORIGINS: 'https://web.example',
      },
      [probe],
    );
  });
  after(async () => {
    await t.close();
    await database.drop();
  });
  const asKey = (key: string, url = '/v1/test/whoami') =>
    t.app.inject({ url, headers: { authorization: `Bearer ${key}` } });

  it('gives a basic-tier key its hourly requests with RateLimit headers, then 429', async () => {
    const user = await createTestUser(database.db);
    const key = await apiKeyFor(t.deps, user);
    for (const remaining of [2, 1, 0]) {
      const res = await asKey(key);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().userId, user.id);
      assert.equal(res.headers['ratelimit-limit'], '3');
      assert.equal(res.headers['ratelimit-remaining'], String(remaining));
      assert.ok(Number(res.headers['ratelimit-reset']) > 3590);
    }
    assertRateLimited(await asKey(key), 3);
    // Every API route counts, and the refusal holds there too.
    assertRateLimited(await asKey(key, '/v1/providers'), 3);
  });

  it('gives a premium-tier key the premium limit', async () => {
    const user = await createTestUser(database.db);
    await database.db
      .updateTable('users')
      .set({ tier: 'premium' })
      .where('id', '=', user.id)
      .execute();
    const key = await apiKeyFor(t.deps, user);
    for (let i = 0; i < 6; i += 1) assert.equal((await asKey(key)).statusCode, 200);
    assertRateLimited(await asKey(key), 6);
  });

  it('counts each key separately', async () => {
    const user = await createTestUser(database.db);
    const first = await apiKeyFor(t.deps, user, 'first');
    const second = await apiKeyFor(t.deps, user, 'second');
    for (let i = 0; i < 3; i += 1) assert.equal((await asKey(first)).statusCode, 200);
    assertRateLimited(await asKey(first), 3);
    const other = await asKey(second);
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['ratelimit-remaining'], '2');
  });

  it('limits anonymous searches per IP address, leaving other addresses alone', async () => {
    const search = (remoteAddress: string) =>
      t.app.inject({ url: '/v1/search?q=climate', remoteAddress });
    for (const remaining of [1, 0]) {
      const res = await search('198.51.100.7');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['ratelimit-remaining'], String(remaining));
    }
    assertRateLimited(await search('198.51.100.7'), 2);
    const other = await search('198.51.100.8');
    assert.equal(other.statusCode, 200);
    assert.equal(other.headers['ratelimit-remaining'], '1');
  });

  it('never counts web sessions, nor anonymous calls outside search', async () => {
    const browser = await signIn(t.deps, await createTestUser(database.db));
    const remoteAddress = '198.51.100.20';
    for (let i = 0; i < 5; i += 1) {
      for (const url of ['/v1/search?q=climate', '/v1/test/whoami']) {
        const res = await t.app.inject({ url, remoteAddress, headers: { cookie: browser.cookie } });
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['ratelimit-limit'], undefined, url);
      }
      for (const url of ['/v1/test/whoami', '/v1/providers', '/health/live', '/openapi.json']) {
        const res = await t.app.inject({ url, remoteAddress });
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['ratelimit-limit'], undefined, url);
      }
    }
    // The session's searches did not spend the address's anonymous allowance either.
    const anonymous = await t.app.inject({ url: '/v1/search?q=climate', remoteAddress });
    assert.equal(anonymous.headers['ratelimit-remaining'], '1');
  });

  it('exposes the RateLimit headers to the web app through CORS', async () => {
    const res = await t.app.inject({
      url: '/v1/test/whoami',
      headers: { origin: 'https://web.example' },
    });
    const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
    for (const header of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
      assert.ok(exposed.includes(header), exposed.join(','));
    }
  });
});

describe('rate limits (default limits)', () => {
  it('lets a basic-tier key make 100 requests in the hour and refuses the 101st', async () => {
    const database = await createTestDatabase();
    const t = await createTestApp({ DATABASE_URL: database.url }, [probe]);
    try {
      const key = await apiKeyFor(t.deps, await createTestUser(database.db));
      const headers = { authorization: `Bearer ${key}` };
      for (let i = 0; i < 100; i += 1) {
        const res = await t.app.inject({ url: '/v1/test/whoami', headers });
        assert.equal(res.statusCode, 200, `request ${i + 1}`);
      }
      assertRateLimited(await t.app.inject({ url: '/v1/test/whoami', headers }), 100);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});

describe('rate limits (Redis)', { skip: redisSkipReason() }, () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    database = await createTestDatabase();
    // Counters outlive this database in the shared Redis: start key ids where no run has been.
    const start = randomInt(1_000_000, 2 ** 47);
    await sql`alter table api_keys alter column id restart with ${sql.lit(start)}`.execute(
      database.db,
    );
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl ?? '',
      ...LIMITS,
    };
    a = await createTestApp(env, [probe]);
    b = await createTestApp(env, [probe]);
  });
  after(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('shares one key’s counter between instances', async () => {
    const key = await apiKeyFor(a.deps, await createTestUser(database.db));
    const headers = { authorization: `Bearer ${key}` };
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a]) {
      statuses.push((await app.app.inject({ url: '/v1/test/whoami', headers })).statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assertRateLimited(await b.app.inject({ url: '/v1/test/whoami', headers }), 3);
  });

  it('lets requests through uncounted when Redis is unreachable', async () => {
    const down = await createTestApp(
      { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1', ...LIMITS },
      [probe],
    );
    try {
      const key = await apiKeyFor(down.deps, await createTestUser(database.db));
      for (let i = 0; i < 5; i += 1) {
        const res = await down.app.inject({
          url: '/v1/test/whoami',
          headers: { authorization: `Bearer ${key}` },
        });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers['ratelimit-limit'], undefined);
      }
    } finally {
      await down.close();
    }
  });
});
