import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { apiKeyFor, createTestUser, signIn, type SignedIn } from '../../test/users.js';

describe('GET /v1/me and the session endpoints', () => {
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

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });
  const endSession = (browser: SignedIn, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/v1/me/sessions/${id}`, headers: browser.headers });
  const sessionIds = async (browser: SignedIn): Promise<string[]> => {
    const res = await get('/v1/me/sessions', { cookie: browser.cookie });
    assert.equal(res.statusCode, 200);
    return res.json<{ sessions: { id: string }[] }>().sessions.map((s) => s.id);
  };

  it('describes a session caller: the user, how they signed in, the CSRF token and identities', async () => {
    const user = await createTestUser(database.db, { displayName: 'Grace' });
    await database.db
      .insertInto('identities')
      .values({
        user_id: user.id,
        provider: 'reddit',
        subject: `t2_${user.id}`,
        username: 'grace_h',
        access_token: 'v1.key.ciphertext-never-shown',
      })
      .execute();
    const browser = await signIn(t.deps, user);
    const res = await get('/v1/me', { cookie: browser.cookie });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.deepEqual(body.user, {
      id: user.id,
      email: user.email,
      displayName: 'Grace',
      tier: 'basic',
      hasPassword: false,
      createdAt: user.createdAt.toISOString(),
    });
    assert.equal(body.authenticatedBy, 'session');
    assert.equal(body.csrfToken, browser.csrfToken);
    assert.equal(body.identities.length, 1);
    assert.deepEqual(Object.keys(body.identities[0]).sort(), ['linkedAt', 'provider', 'username']);
    assert.equal(body.identities[0].username, 'grace_h');
    assert.ok(!res.body.includes('ciphertext-never-shown'));
  });

  it('describes an API-key caller without a CSRF token, and refuses anonymous callers', async () => {
    const user = await createTestUser(database.db);
    const key = await apiKeyFor(t.deps, user);
    const res = await get('/v1/me', { authorization: `Bearer ${key}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().authenticatedBy, 'api_key');
    assert.equal(res.json().csrfToken, undefined);
    assert.equal((await t.app.inject({ url: '/v1/me' })).statusCode, 401);
  });

  it('fails at once with 401 when the session has expired', async () => {
    const browser = await signIn(t.deps, await createTestUser(database.db));
    assert.equal((await get('/v1/me', { cookie: browser.cookie })).statusCode, 200);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', browser.user.id)
      .execute();
    const res = await get('/v1/me', { cookie: browser.cookie });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthorized');
  });

  it("lists the user's live sessions with the current one marked, never a token", async () => {
    const user = await createTestUser(database.db);
    const laptop = await signIn(t.deps, user);
    const phone = await t.deps.services.sessions.start(user.id, { userAgent: 'Phone/1.0' });
    const expired = await signIn(t.deps, user);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('csrf_token', '=', expired.csrfToken)
      .execute();

    const res = await get('/v1/me/sessions', { cookie: laptop.cookie });
    assert.equal(res.statusCode, 200);
    const sessions = res.json().sessions;
    assert.equal(sessions.length, 2, 'the expired session is not listed');
    assert.deepEqual(
      sessions.map((s: { userAgent: string | null; current: boolean }) => [s.userAgent, s.current]),
      [
        ['Phone/1.0', false],
        [null, true],
      ],
    );
    assert.deepEqual(Object.keys(sessions[0]).sort(), [
      'createdAt',
      'current',
      'expiresAt',
      'id',
      'lastSeenAt',
      'userAgent',
    ]);
    for (const secret of [laptop.csrfToken, phone.csrfToken, phone.token, laptop.cookie]) {
      assert.ok(!res.body.includes(secret.replace('newsroom_session=', '')));
    }
  });

  it("ends one of the user's sessions, which stops working at once", async () => {
    const user = await createTestUser(database.db);
    const laptop = await signIn(t.deps, user);
    const phone = await signIn(t.deps, user);
    const [phoneId] = await sessionIds(phone);
    const res = await endSession(laptop, phoneId!);
    assert.equal(res.statusCode, 204);
    assert.equal((await get('/v1/me', { cookie: phone.cookie })).statusCode, 401);
    assert.equal((await get('/v1/me', { cookie: laptop.cookie })).statusCode, 200);
    const again = await endSession(laptop, phoneId!);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'session_not_found');
  });

  it("never lists or ends another user's sessions: their ids answer 404 like missing ones", async () => {
    const alice = await signIn(t.deps, await createTestUser(database.db));
    const bob = await signIn(t.deps, await createTestUser(database.db));
    const [aliceSession] = await sessionIds(alice);
    const bobSessions = await sessionIds(bob);
    assert.equal(bobSessions.length, 1);
    assert.ok(!bobSessions.includes(aliceSession!));

    const res = await endSession(bob, aliceSession!);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'session_not_found');
    assert.equal((await get('/v1/me', { cookie: alice.cookie })).statusCode, 200);
    assert.equal((await endSession(bob, '999999999')).json().error.code, 'session_not_found');
  });

  it('keeps session management to web sessions: an API key gets 403', async () => {
    const user = await createTestUser(database.db);
    const headers = { authorization: `Bearer ${await apiKeyFor(t.deps, user)}` };
    assert.equal((await get('/v1/me/sessions', headers)).statusCode, 403);
    const logout = await t.app.inject({ method: 'POST', url: '/auth/logout-all', headers });
    assert.equal(logout.statusCode, 403);
  });
});
