import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { browserFrom, createTestUser, type Browser } from '../../../test/users.js';

const PASSWORD = 'correct horse battery';
let lastOctet = 0;
/** A fresh client address per test, so per-IP throttling in one test never leaks into another. */
const newIp = () => `198.51.100.${String((lastOctet += 1))}`;
const newEmail = () => `reader-${randomUUID().slice(0, 8)}@example.test`;

describe('local accounts: register, login, logout', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      LOGIN_ATTEMPTS_PER_ACCOUNT: '3',
      LOGIN_ATTEMPTS_PER_IP: '5',
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  const register = (email: string, password = PASSWORD, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/register',
      remoteAddress: newIp(),
      payload: { email, password, ...extra },
    });
  const login = (
    email: string,
    password: string,
    options: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/login',
      remoteAddress: options.ip ?? newIp(),
      payload: { email, password },
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    });
  const me = (browser: Pick<Browser, 'cookie'>) =>
    t.app.inject({ url: '/v1/me', headers: { cookie: browser.cookie } });

  it('registers with 201, an HttpOnly session cookie and an argon2id hash, and the cookie signs in', async () => {
    const email = newEmail();
    const res = await register(email, PASSWORD, { displayName: 'Ada' });
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.equal(body.user.email, email);
    assert.equal(body.user.displayName, 'Ada');
    assert.equal(body.user.hasPassword, true);
    assert.equal(typeof body.csrfToken, 'string');
    const cookie = res.cookies.find((c) => c.name === 'newsroom_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.secure, undefined, 'plain HTTP: not Secure');

    const who = await me(browserFrom(res));
    assert.equal(who.statusCode, 200);
    assert.equal(who.json().user.id, body.user.id);
    const row = await database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', body.user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
  });

  it('answers 409 email_taken for an email already registered, in any case', async () => {
    const email = newEmail();
    assert.equal((await register(email)).statusCode, 201);
    const again = await register(email.toUpperCase());
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'email_taken');
  });

  it('rejects a malformed email, a short or long password and an overlong email with 400', async () => {
    for (const [email, password] of [
      ['not-an-email', PASSWORD],
      [newEmail(), '123456789'],
      [newEmail(), 'x'.repeat(257)],
      [`${'a'.repeat(320)}@example.test`, PASSWORD],
    ] as const) {
      const res = await register(email, password);
      assert.equal(res.statusCode, 400, `${email} / ${String(password.length)} chars`);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('logs in with 200, a new cookie and the CSRF token, whatever the email case', async () => {
    const email = newEmail();
    await register(email);
    const res = await login(email.toUpperCase(), PASSWORD);
    assert.equal(res.statusCode, 200);
    const browser = browserFrom(res);
    assert.equal(res.json().user.email, email);
    assert.equal((await me(browser)).json().csrfToken, browser.csrfToken);
  });

  it('answers unknown email, wrong password and a password-less account identically', async () => {
    const email = newEmail();
    await register(email);
    const redditOnly = await createTestUser(database.db);
    const answers = await Promise.all([
      login(newEmail(), PASSWORD),
      login(email, `${PASSWORD}!`),
      login(redditOnly.email ?? '', PASSWORD),
    ]);
    const shapes = answers.map((res) => {
      const { code, message } = res.json().error;
      return { status: res.statusCode, code, message, cookie: res.headers['set-cookie'] };
    });
    const expected = {
      status: 401,
      code: 'invalid_credentials',
      message: 'Email or password is incorrect',
      cookie: undefined,
    };
    for (const shape of shapes) assert.deepEqual(shape, expected);
  });

  it('throttles one account across addresses with 429 and Retry-After', async () => {
    const email = newEmail();
    await register(email);
    for (let i = 0; i < 3; i += 1)
      assert.equal((await login(email, 'wrong password')).statusCode, 401);
    // Even the right password, from yet another address, waits out the window.
    const blocked = await login(email, PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, 'too_many_attempts');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal(blocked.headers['set-cookie'], undefined);
    // Another account is unaffected.
    const other = newEmail();
    await register(other);
    assert.equal((await login(other, PASSWORD)).statusCode, 200);
  });

  it('throttles one address across accounts with 429 and Retry-After', async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await login(newEmail(), 'wrong password', { ip })).statusCode, 401);
    }
    const email = newEmail();
    await register(email);
    const blocked = await login(email, PASSWORD, { ip });
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await login(email, PASSWORD, { ip: newIp() })).statusCode, 200);
  });

  it("resets an account's failure count when it signs in", async () => {
    const email = newEmail();
    await register(email);
    for (const round of [1, 2]) {
      for (let i = 0; i < 2; i += 1) await login(email, 'wrong password');
      assert.equal((await login(email, PASSWORD)).statusCode, 200, `round ${String(round)}`);
    }
  });

  it('rotates the session on sign-in: the cookie sent with the login stops working', async () => {
    const email = newEmail();
    const before = browserFrom(await register(email));
    const res = await login(email, PASSWORD, { headers: before.headers });
    assert.equal(res.statusCode, 200);
    const after = browserFrom(res);
    assert.notEqual(after.cookie, before.cookie);
    assert.equal((await me(before)).statusCode, 401);
    assert.equal((await me(after)).statusCode, 200);
  });

  it('logs out with 204: clears the cookie and ends the session; it needs the CSRF token', async () => {
    const browser = browserFrom(await register(newEmail()));
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: browser.cookie },
    });
    assert.equal(noCsrf.statusCode, 403);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: browser.headers,
    });
    assert.equal(res.statusCode, 204);
    const cleared = res.cookies.find((c) => c.name === 'newsroom_session');
    assert.equal(cleared?.value, '');
    assert.equal((await me(browser)).statusCode, 401);
  });

  it('logs out everywhere with 204: every session of the user ends, others are untouched', async () => {
    const email = newEmail();
    const laptop = browserFrom(await register(email));
    const phone = browserFrom(await login(email, PASSWORD));
    const stranger = browserFrom(await register(newEmail()));
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/logout-all',
      headers: phone.headers,
    });
    assert.equal(res.statusCode, 204);
    assert.equal((await me(laptop)).statusCode, 401);
    assert.equal((await me(phone)).statusCode, 401);
    assert.equal((await me(stranger)).statusCode, 200);
  });
});

describe('local accounts behind HTTPS', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, PUBLIC_URL: 'https://news.example' });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: newEmail(), password: PASSWORD },
    });
    assert.equal(res.statusCode, 201);
    const cookie = res.cookies.find((c) => c.name === 'newsroom_session');
    assert.equal(cookie?.secure, true);
    assert.equal(cookie.httpOnly, true);
  });
});
