import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Reply } from './fixtures/fake-reddit.js';
import { fixture, fixtureText } from './fixtures/index.js';
import {
  BASIC,
  CLIENT_ID,
  CLIENT_SECRET,
  client,
  fake,
  issueAppTokens,
  logLines,
  REDIRECT_URI,
  rejectsWith,
  search,
  signal,
  START,
  USER_AGENT,
  useFakeReddit,
} from './fixtures/client-harness.js';

/** The Reddit client on a user's behalf (code flow, refresh, revoke, /me, /hot) and its secrecy. */

useFakeReddit();

describe('Reddit client: code flow and user tokens', () => {
  it('builds the authorize URL with the exact redirect URI and space-separated scopes', () => {
    const url = client().authorizeUrl({
      state: 'st4te-xyz',
      scopes: ['identity', 'read', 'mysubreddits'],
      duration: 'permanent',
    });
    assert.equal(
      url,
      `${fake.authBaseUrl}/api/v1/authorize?client_id=${CLIENT_ID}&response_type=code&state=st4te-xyz` +
        `&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&duration=permanent&scope=identity%20read%20mysubreddits`,
    );
  });

  it('refuses a state Reddit could not echo back', () => {
    assert.throws(
      () => client().authorizeUrl({ state: 'naïve\n', scopes: ['read'], duration: 'temporary' }),
      {
        kind: 'bad_request',
      },
    );
  });

  it('exchanges a code with Basic auth and the registered redirect URI', async () => {
    fake.route('www', '/api/v1/access_token', () => ({ json: fixture('token-code.json') }));
    const tokens = await client().exchangeCode('code-abc#_', signal());
    const [call] = fake.calls('www', '/api/v1/access_token');
    assert.equal(call?.headers.authorization, BASIC);
    assert.equal(call.headers['user-agent'], USER_AGENT);
    assert.deepEqual(Object.fromEntries(call.form), {
      grant_type: 'authorization_code',
      code: 'code-abc',
      redirect_uri: REDIRECT_URI,
    });
    assert.deepEqual(tokens, {
      accessToken: 'user-access-1',
      refreshToken: 'user-refresh-1',
      expiresAt: new Date(START.getTime() + 86_400_000),
      scopes: ['read', 'identity', 'mysubreddits'],
    });
  });

  it('maps a reused code (400 Bad Request) to auth invalid_grant', async () => {
    fake.route('www', '/api/v1/access_token', () => ({
      status: 400,
      json: fixture('token-error-400.json'),
    }));
    await rejectsWith(client().exchangeCode('used-code', signal()), {
      kind: 'auth',
      status: 400,
      upstreamCode: 'invalid_grant',
    });
  });

  it('keeps the new refresh token when Reddit rotates it', async () => {
    fake.route('www', '/api/v1/access_token', () => ({
      json: fixture('token-refresh-rotated.json'),
    }));
    const tokens = await client().refreshUserToken('user-refresh-1', signal());
    assert.deepEqual(Object.fromEntries(fake.requests[0]?.form ?? []), {
      grant_type: 'refresh_token',
      refresh_token: 'user-refresh-1',
    });
    assert.equal(tokens.accessToken, 'user-access-2');
    assert.equal(tokens.refreshToken, 'user-refresh-2');
  });

  it('keeps the old refresh token when the response has none', async () => {
    fake.route('www', '/api/v1/access_token', () => ({ json: fixture('token-refresh-kept.json') }));
    const tokens = await client().refreshUserToken('user-refresh-1', signal());
    assert.deepEqual(tokens, {
      accessToken: 'user-access-3',
      refreshToken: 'user-refresh-1',
      expiresAt: new Date(START.getTime() + 3_600_000),
      scopes: ['identity', 'read'],
    });
  });

  for (const [name, reply] of [
    ['400 Bad Request', { status: 400, json: fixture('token-error-400.json') }],
    ['200 invalid_grant', { json: fixture('token-error-invalid-grant.json') }],
  ] as Array<[string, Reply]>) {
    it(`maps a revoked refresh token (${name}) to auth invalid_grant`, async () => {
      fake.route('www', '/api/v1/access_token', () => reply);
      await rejectsWith(client().refreshUserToken('revoked-refresh', signal()), {
        kind: 'auth',
        upstreamCode: 'invalid_grant',
        retryable: false,
      });
    });
  }

  it('revokes a token with Basic auth and a form body, accepting an empty 200', async () => {
    fake.route('www', '/api/v1/revoke_token', () => ({ status: 200 }));
    await client().revokeToken('user-refresh-1', 'refresh_token', signal());
    const [call] = fake.calls('www', '/api/v1/revoke_token');
    assert.equal(call?.headers.authorization, BASIC);
    assert.deepEqual(Object.fromEntries(call.form), {
      token: 'user-refresh-1',
      token_type_hint: 'refresh_token',
    });
  });

  it('reads the bare /api/v1/me account with the user token', async () => {
    fake.route('oauth', '/api/v1/me', () => ({ json: fixture('me.json') }));
    const identity = await client().me('user-access-1', signal());
    const [call] = fake.calls('oauth', '/api/v1/me');
    assert.equal(call?.headers.authorization, 'bearer user-access-1');
    assert.equal(call.query.get('raw_json'), '1');
    assert.deepEqual(identity, {
      id: '1ia22',
      name: 'newsroom_reader',
      iconUrl:
        'https://styles.redditmedia.com/t5_abc/styles/profileIcon_x.png?width=256&height=256&crop=256:256,smart&s=f00d',
      createdAt: new Date(1176721866_000),
    });
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 0);
  });

  it('reports an expired user token as auth invalid_token without renewing anything', async () => {
    fake.route('oauth', '/api/v1/me', () => ({
      status: 401,
      text: fixtureText('error-401.html'),
      headers: { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' },
    }));
    await rejectsWith(client().me('expired-access', signal()), {
      kind: 'auth',
      upstreamCode: 'invalid_token',
    });
    assert.equal(fake.calls('oauth', '/api/v1/me').length, 1);
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 0);
  });

  it("reads the user's /hot with their token, without pinned posts", async () => {
    fake.route('oauth', '/hot', () => ({ json: fixture('hot-listing.json') }));
    const page = await client().userHot('user-access-1', 1, signal());
    const [call] = fake.calls('oauth', '/hot');
    assert.equal(call?.headers.authorization, 'bearer user-access-1');
    assert.deepEqual(Object.fromEntries(call.query), { limit: '6', raw_json: '1' });
    assert.deepEqual(
      page.articles.map((a) => a.source.providerId),
      ['t3_1q0link'],
    );
  });
});

describe('Reddit client: secrets', () => {
  it('never puts the client secret or any token in errors or log lines', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => ({ status: 401, text: fixtureText('error-401.html') }));
    fake.route('oauth', '/api/v1/me', () => ({ status: 503, text: fixtureText('error-503.html') }));
    const reddit = client();
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.catch((error: unknown) => errors.push(error));
    await collect(search(reddit));
    await collect(reddit.me('user-access-secret', signal()));
    fake.route('www', '/api/v1/access_token', () => ({
      status: 400,
      json: fixture('token-error-400.json'),
    }));
    await collect(reddit.refreshUserToken('user-refresh-secret', signal()));
    await collect(reddit.exchangeCode('one-time-code-secret', signal()));

    assert.equal(errors.length, 4);
    assert.ok(logLines.length > 0);
    const text = [...errors.map((e) => `${String(e)} ${JSON.stringify(e)}`), ...logLines].join(
      '\n',
    );
    for (const secret of [
      CLIENT_SECRET,
      'app-token-1',
      'app-token-2',
      'user-access-secret',
      'user-refresh-secret',
      'one-time-code-secret',
    ]) {
      assert.ok(!text.includes(secret), `leaked ${secret}`);
    }
  });
});
