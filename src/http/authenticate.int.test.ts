import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyPluginAsync } from 'fastify';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { apiKeyFor, createTestUser, signIn } from '../../test/users.js';
import { requirePrincipal, requireSession } from './authenticate.js';

// Probe routes that answer with the principal, as the product's own routes see it.
const probes: FastifyPluginAsync = async (app) => {
  app.get('/test/whoami', async (req) => ({ principal: req.principal }));
  app.post('/test/whoami', async (req) => ({ userId: requirePrincipal(req).userId }));
  app.post('/test/session-only', async (req) => ({ userId: requireSession(req).userId }));
};

describe('authentication (session cookie, API key, CSRF)', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, LOGIN_ATTEMPTS_PER_IP: '3' }, [probes]);
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('treats a request without credentials as anonymous and refuses it where a user is needed', async () => {
    const res = await t.app.inject({ url: '/test/whoami' });
    assert.deepEqual(res.json(), { principal: null });
    const post = await t.app.inject({ method: 'POST', url: '/test/whoami' });
    assert.equal(post.statusCode, 401);
    assert.equal(post.json().error.code, 'unauthorized');
  });

  it('resolves a session cookie and requires its CSRF token on state-changing requests', async () => {
    const user = await createTestUser(database.db);
    const browser = await signIn(t.deps, user);
    const get = await t.app.inject({ url: '/test/whoami', headers: { cookie: browser.cookie } });
    assert.equal(get.json().principal.userId, user.id);
    assert.equal(get.json().principal.kind, 'session');

    const noToken = await t.app.inject({
      method: 'POST',
      url: '/test/whoami',
      headers: { cookie: browser.cookie },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_failed');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/test/whoami',
      headers: { cookie: browser.cookie, 'x-csrf-token': `${browser.csrfToken}x` },
    });
    assert.equal(wrongToken.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/test/whoami',
      headers: browser.headers,
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().userId, user.id);
  });

  it('refuses cross-site state-changing requests before looking at the cookie', async () => {
    const browser = await signIn(t.deps, await createTestUser(database.db));
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/whoami',
      headers: { ...browser.headers, 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf_failed');
  });

  it('ignores an unknown or ended session cookie (anonymous) and fails at once after sign-out everywhere', async () => {
    const user = await createTestUser(database.db);
    const browser = await signIn(t.deps, user);
    const unknown = await t.app.inject({
      url: '/test/whoami',
      headers: { cookie: 'newsroom_session=nrs_forged' },
    });
    assert.deepEqual(unknown.json(), { principal: null });
    assert.equal(await t.deps.services.sessions.endAll(user.id), 1);
    const ended = await t.app.inject({
      method: 'POST',
      url: '/test/whoami',
      headers: browser.headers,
    });
    assert.equal(ended.statusCode, 401);
  });

  it('authenticates a bearer API key without CSRF, and a revoked key fails at once', async () => {
    const user = await createTestUser(database.db);
    const key = await apiKeyFor(t.deps, user);
    const headers = { authorization: `Bearer ${key}` };
    const ok = await t.app.inject({ method: 'POST', url: '/test/whoami', headers });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().userId, user.id);
    const sessionOnly = await t.app.inject({ method: 'POST', url: '/test/session-only', headers });
    assert.equal(sessionOnly.statusCode, 403);

    const [listed] = await t.deps.services.apiKeys.list(user.id);
    assert.ok(listed?.lastUsedAt instanceof Date);
    await t.deps.services.apiKeys.revoke(user.id, listed.id);
    const revoked = await t.app.inject({ url: '/test/whoami', headers });
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.json().error.code, 'unauthorized');
  });

  it('answers a malformed Authorization header 401 rather than treating it as anonymous', async () => {
    const res = await t.app.inject({
      url: '/test/whoami',
      headers: { authorization: 'Basic eA==' },
    });
    assert.equal(res.statusCode, 401);
  });

  it('throttles guessing API keys per IP with 429 and Retry-After', async () => {
    const remoteAddress = '203.0.113.9';
    const guess = () =>
      t.app.inject({
        url: '/test/whoami',
        remoteAddress,
        headers: { authorization: 'Bearer nrk_guess' },
      });
    for (let i = 0; i < 3; i += 1) assert.equal((await guess()).statusCode, 401);
    const blocked = await guess();
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'too_many_attempts');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    // Another address is unaffected.
    const other = await t.app.inject({
      url: '/test/whoami',
      remoteAddress: '203.0.113.10',
      headers: { authorization: 'Bearer nrk_guess' },
    });
    assert.equal(other.statusCode, 401);
  });
});
