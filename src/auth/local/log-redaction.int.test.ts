import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { browserFrom } from '../../../test/users.js';

/** Everything the logger wrote, as one string. */
function captureStream(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('log redaction during sign-up, sign-in and authenticated requests', () => {
  let database: TestDatabase;
  let t: TestApp;
  const logs = captureStream();
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' }, [], {
      logDestination: logs.stream,
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('never writes a password, session token, CSRF token, API key, OAuth code or state', async () => {
    const id = randomUUID().replaceAll('-', '');
    const email = `logged-${id}@example.test`;
    const password = `right-password-${id}`;
    const wrongPassword = `wrong-password-${id}`;
    const secrets: string[] = [password, wrongPassword];

    const registered = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email, password },
    });
    assert.equal(registered.statusCode, 201);
    const first = browserFrom(registered);
    secrets.push(first.cookie.replace('newsroom_session=', ''), first.csrfToken);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email, password: wrongPassword },
    });
    assert.equal(wrong.statusCode, 401);
    const right = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: first.headers,
      payload: { email, password },
    });
    assert.equal(right.statusCode, 200);
    const browser = browserFrom(right);
    secrets.push(browser.cookie.replace('newsroom_session=', ''), browser.csrfToken);

    assert.equal((await t.app.inject({ url: '/v1/me', headers: browser.headers })).statusCode, 200);
    const rejected = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/sessions/999999',
      headers: browser.headers,
    });
    assert.equal(rejected.statusCode, 404);

    const { user } = right.json<{ user: { id: string } }>();
    const { key: apiKey } = await t.deps.services.apiKeys.create(user.id, 'logged key');
    const badKey = `nrk_${id}guessed`;
    secrets.push(apiKey, badKey);
    const byKey = await t.app.inject({
      url: '/v1/me',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    assert.equal(byKey.statusCode, 200);
    const byBadKey = await t.app.inject({
      url: '/v1/me',
      headers: { authorization: `Bearer ${badKey}` },
    });
    assert.equal(byBadKey.statusCode, 401);

    const code = `SECRETCODE${id}`;
    const state = `SECRETSTATE${id}`;
    secrets.push(code, state);
    await t.app.inject({ url: `/auth/reddit/callback?code=${code}&state=${state}` });

    const text = logs.text();
    // The capture saw the requests (debug included), so an empty log cannot pass by accident.
    assert.match(text, /incoming request/);
    assert.match(text, /Request completed/);
    assert.match(text, /\/auth\/reddit\/callback\?code=\[redacted\]/);
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `the log contains a secret (${secret.slice(0, 8)}…)`);
    }
  });
});
