import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Clock } from '../../clock.js';
import { ProviderError } from '../provider-error.js';
import { startFakeReddit, type FakeReddit, type Reply } from './fixtures/fake-reddit.js';
import { fixture, fixtureText } from './fixtures/index.js';
import {
  createRedditClient,
  type RedditClient,
  type RedditClientOptions,
} from './reddit.client.js';

const CLIENT_ID = 'test-client-id';
const CLIENT_SECRET = 'test-client-secret-xyz';
const USER_AGENT = 'web:dev.newsroom.test:v0.1.0 (by /u/newsroom_dev)';
const REDIRECT_URI = 'http://127.0.0.1:3000/auth/reddit/callback';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
const START = new Date('2026-11-28T12:00:00Z');

let fake: FakeReddit;
let time: number;
let logLines: string[];
const clock: Clock = { now: () => new Date(time) };
const signal = () => new AbortController().signal;
const advance = (ms: number) => (time += ms);

function client(overrides: Partial<RedditClientOptions> = {}): RedditClient {
  const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  return createRedditClient({
    authBaseUrl: fake.authBaseUrl,
    apiBaseUrl: fake.apiBaseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    userAgent: USER_AGENT,
    redirectUri: REDIRECT_URI,
    timeoutMs: 2000,
    clock,
    log,
    ...overrides,
  });
}

/** App tokens app-token-1, app-token-2, … each lasting `expiresIn` seconds. */
function issueAppTokens(expiresIn = 86400, extra: Partial<Reply> = {}) {
  fake.route('www', '/api/v1/access_token', (_req, n) => ({
    ...extra,
    json: {
      access_token: `app-token-${n}`,
      token_type: 'bearer',
      expires_in: expiresIn,
      scope: '*',
    },
  }));
}

const listingReply = (headers: Record<string, string> = {}): Reply => ({
  json: fixture('search-listing.json'),
  headers: {
    'x-ratelimit-used': '5',
    'x-ratelimit-remaining': '595.0',
    'x-ratelimit-reset': '385',
    ...headers,
  },
});

const search = (c: RedditClient, q = 'ceasefire') =>
  c.search({ q, pageSize: 20 }, { signal: signal() });

async function rejectsWith(promise: Promise<unknown>, expected: Partial<ProviderError>) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProviderError, String(error));
    assert.deepEqual(
      Object.fromEntries(Object.keys(expected).map((k) => [k, error[k as keyof ProviderError]])),
      expected,
    );
    return true;
  });
}

beforeEach(async () => {
  fake = await startFakeReddit();
  time = START.getTime();
  logLines = [];
});
afterEach(() => fake.close());

describe('Reddit client: app-only token and search', () => {
  it('gets an app token with Basic auth and a form body, then searches with it and raw_json=1', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => listingReply());
    const page = await search(client());

    const [token] = fake.calls('www', '/api/v1/access_token');
    assert.equal(token?.method, 'POST');
    assert.equal(token.headers.authorization, BASIC);
    assert.equal(token.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(token.headers['user-agent'], USER_AGENT);
    assert.equal(token.body, 'grant_type=client_credentials');
    assert.equal(token.query.get('raw_json'), '1');
    const [call] = fake.calls('oauth', '/search');
    assert.equal(call?.headers.authorization, 'bearer app-token-1');
    assert.equal(call.headers['user-agent'], USER_AGENT);
    assert.deepEqual(Object.fromEntries(call.query), {
      q: 'ceasefire',
      sort: 'relevance',
      t: 'all',
      limit: '25',
      type: 'link',
      raw_json: '1',
    });
    assert.equal(page.totalResults, null);
    assert.equal(page.articles.length, 9);
    assert.equal(page.articles[0]?.source.providerId, 't3_1q0link');
  });

  it('reuses the token until about 60 s before expires_in, then fetches a new one', async () => {
    issueAppTokens(3600);
    fake.route('oauth', '/search', () => listingReply());
    const reddit = client();
    await search(reddit);
    advance((3600 - 61) * 1000);
    await search(reddit);
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 1);
    advance(2000);
    await search(reddit);
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 2);
    const bearers = fake.calls('oauth', '/search').map((r) => r.headers.authorization);
    assert.deepEqual(bearers, ['bearer app-token-1', 'bearer app-token-1', 'bearer app-token-2']);
  });

  it('shares one token request among concurrent callers', async () => {
    issueAppTokens(86400, { delayMs: 50 });
    fake.route('oauth', '/search', () => listingReply());
    const reddit = client();
    await Promise.all([1, 2, 3, 4, 5].map(() => search(reddit)));
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 1);
    assert.equal(fake.calls('oauth', '/search').length, 5);
  });

  it('does not cache a failed token request: the next call asks again', async () => {
    fake.route('www', '/api/v1/access_token', (_req, n) =>
      n === 1
        ? { status: 503, text: fixtureText('error-503.html') }
        : { json: fixture('token-app.json') },
    );
    fake.route('oauth', '/search', () => listingReply());
    const reddit = client();
    await rejectsWith(search(reddit), { kind: 'unavailable', status: 503 });
    assert.equal((await search(reddit)).articles.length, 9);
  });

  it('on a 401 with an HTML body drops the token, gets a new one and retries once', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', (_req, n) =>
      n === 1
        ? {
            status: 401,
            text: fixtureText('error-401.html'),
            headers: { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' },
          }
        : listingReply(),
    );
    const page = await search(client());
    assert.equal(page.articles.length, 9);
    const bearers = fake.calls('oauth', '/search').map((r) => r.headers.authorization);
    assert.deepEqual(bearers, ['bearer app-token-1', 'bearer app-token-2']);
  });

  it('fails with auth when the retried call is rejected too, without looping', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => ({
      status: 401,
      json: fixture('error-401.json'),
      headers: { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' },
    }));
    await rejectsWith(search(client()), {
      kind: 'auth',
      status: 401,
      upstreamCode: 'invalid_token',
    });
    assert.equal(fake.calls('oauth', '/search').length, 2);
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 2);
  });

  it('reads /r/popular/hot for top and leaves out pinned moderator posts', async () => {
    issueAppTokens();
    fake.route('oauth', '/r/popular/hot', () => ({ json: fixture('hot-listing.json') }));
    const page = await client().top({ pageSize: 10 }, { signal: signal() });
    assert.deepEqual(
      page.articles.map((a) => a.source.providerId),
      ['t3_1q0link', 't3_1q0gal'],
    );
    const [call] = fake.calls('oauth', '/r/popular/hot');
    assert.deepEqual(Object.fromEntries(call?.query ?? []), { limit: '15', raw_json: '1' });
  });

  it('searches a recent window newest-first and keeps only posts between from and to', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => listingReply());
    const page = await client({ includeNsfw: true }).search(
      {
        q: 'rates',
        from: new Date('2026-11-28T09:00:00Z'),
        to: new Date('2026-11-28T11:30:00Z'),
        language: 'de',
        pageSize: 10,
      },
      { signal: signal() },
    );
    const [call] = fake.calls('oauth', '/search');
    assert.deepEqual(Object.fromEntries(call?.query ?? []), {
      q: 'rates',
      sort: 'new',
      t: 'day',
      limit: '15',
      type: 'link',
      include_over_18: 'on',
      raw_json: '1',
    });
    assert.deepEqual(
      page.articles.map((a) => a.source.providerId),
      ['t3_1q0link', 't3_1q0self', 't3_1q0xpost', 't3_1q0sx', 't3_1q0gal'],
    );
  });

  it('lets a caller give up on a shared token request without failing the others', async () => {
    issueAppTokens(86400, { delayMs: 100 });
    fake.route('oauth', '/search', () => listingReply());
    const reddit = client();
    const impatient = new AbortController();
    const first = reddit.search({ q: 'x', pageSize: 5 }, { signal: impatient.signal });
    const second = search(reddit);
    impatient.abort();
    await rejectsWith(first, { kind: 'cancelled' });
    assert.equal((await second).articles.length, 9);
    assert.equal(fake.calls('www', '/api/v1/access_token').length, 1);
  });

  it('answers a query with no searchable terms without calling Reddit', async () => {
    const page = await search(client(), '-sport');
    assert.deepEqual(page, { articles: [], totalResults: 0 });
    assert.equal(fake.requests.length, 0);
  });
});

describe('Reddit client: rate limits', () => {
  it('makes no call once X-Ratelimit-Remaining reaches 0, until the window resets', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () =>
      listingReply({
        'x-ratelimit-used': '600',
        'x-ratelimit-remaining': '0.0',
        'x-ratelimit-reset': '120',
      }),
    );
    const reddit = client();
    await search(reddit);
    await rejectsWith(search(reddit), { kind: 'rate_limited', retryAfterMs: 120_000 });
    assert.equal(fake.calls('oauth', '/search').length, 1);
    advance(120_000);
    await search(reddit);
    assert.equal(fake.calls('oauth', '/search').length, 2);
  });

  it('keeps calling while the float remaining budget is above 0', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => listingReply({ 'x-ratelimit-remaining': '2.0' }));
    const reddit = client();
    await search(reddit);
    await search(reddit);
    assert.equal(fake.calls('oauth', '/search').length, 2);
  });

  it('maps a 429 with an HTML body to rate_limited and waits out its Retry-After', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', (_req, n) =>
      n === 1
        ? { status: 429, text: fixtureText('error-429.html'), headers: { 'retry-after': '6' } }
        : listingReply(),
    );
    const reddit = client();
    await rejectsWith(search(reddit), { kind: 'rate_limited', status: 429, retryAfterMs: 6000 });
    await rejectsWith(search(reddit), { kind: 'rate_limited', retryAfterMs: 6000 });
    assert.equal(fake.calls('oauth', '/search').length, 1);
    advance(6000);
    assert.equal((await search(reddit)).articles.length, 9);
  });

  it('maps a 429 with a JSON body to rate_limited with its Retry-After', async () => {
    issueAppTokens();
    fake.route('oauth', '/search', () => ({
      status: 429,
      json: fixture('error-429.json'),
      headers: { 'retry-after': '30' },
    }));
    await rejectsWith(search(client()), {
      kind: 'rate_limited',
      status: 429,
      retryAfterMs: 30_000,
    });
  });
});

describe('Reddit client: API error shapes', () => {
  const cases: Array<[string, Reply, Partial<ProviderError>]> = [
    [
      'a 503 HTML page',
      { status: 503, text: fixtureText('error-503.html') },
      { kind: 'unavailable', status: 503 },
    ],
    [
      "Cloudflare's 522",
      { status: 522, text: fixtureText('error-522.html') },
      { kind: 'unavailable', status: 522 },
    ],
    [
      'a 403 insufficient_scope',
      {
        status: 403,
        json: fixture('error-403-scope.json'),
        headers: { 'www-authenticate': 'Bearer realm="reddit", error="insufficient_scope"' },
      },
      { kind: 'auth', upstreamCode: 'insufficient_scope', retryable: false },
    ],
    [
      'a 403 HTML block page',
      { status: 403, text: fixtureText('error-403-blocked.html') },
      { kind: 'auth', upstreamCode: 'forbidden' },
    ],
    [
      'a 403 private subreddit',
      { status: 403, json: fixture('error-403-private.json') },
      { kind: 'not_found', upstreamCode: 'private' },
    ],
    ['a 404', { status: 404, json: fixture('error-404.json') }, { kind: 'not_found', status: 404 }],
    [
      'a 302 to subreddit search',
      { status: 302, headers: { location: '/subreddits/search?q=nosuchsub' } },
      { kind: 'not_found', status: 302 },
    ],
    [
      'a 302 to the login page',
      { status: 302, headers: { location: 'https://www.reddit.com/login/?dest=x' } },
      { kind: 'bad_request', status: 302 },
    ],
    [
      'a 200 HTML page',
      { status: 200, text: '<html>maintenance</html>' },
      { kind: 'malformed_response' },
    ],
    [
      'a 200 with a non-listing body',
      { json: { kind: 'Listing', data: {} } },
      { kind: 'malformed_response' },
    ],
  ];
  for (const [name, reply, expected] of cases) {
    it(`maps ${name} to ${String(expected.kind)}, with one call and no retry`, async () => {
      issueAppTokens();
      fake.route('oauth', '/search', () => reply);
      await rejectsWith(search(client()), expected);
      assert.equal(fake.calls('oauth', '/search').length, 1);
    });
  }
});

describe('Reddit client: token endpoint errors', () => {
  const cases: Array<[string, Reply, Partial<ProviderError>]> = [
    [
      'a 401 for a wrong client secret',
      { status: 401, json: fixture('token-error-401.json') },
      { kind: 'auth', status: 401, upstreamCode: 'invalid_client' },
    ],
    [
      'a 200 with a numeric error 401',
      { json: fixture('token-error-401.json') },
      { kind: 'auth', upstreamCode: 'invalid_client' },
    ],
    [
      'a 200 with unauthorized_client',
      { json: fixture('token-error-unauthorized-client.json') },
      { kind: 'auth', status: 200, upstreamCode: 'unauthorized_client' },
    ],
    [
      'a 200 with unsupported_grant_type',
      { json: fixture('token-error-unsupported-grant.json') },
      { kind: 'bad_request', upstreamCode: 'unsupported_grant_type' },
    ],
    [
      'a 429',
      { status: 429, json: fixture('token-error-429.json'), headers: { 'retry-after': '12' } },
      { kind: 'rate_limited', retryAfterMs: 12_000 },
    ],
    [
      'a 200 without an access token',
      { json: { token_type: 'bearer', expires_in: 3600 } },
      { kind: 'malformed_response' },
    ],
  ];
  for (const [name, reply, expected] of cases) {
    it(`maps ${name} from the token endpoint to ${String(expected.kind)}`, async () => {
      fake.route('www', '/api/v1/access_token', () => reply);
      await rejectsWith(search(client()), expected);
      assert.equal(fake.calls('oauth', '/search').length, 0);
    });
  }
});

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
