import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, fixtureText } from './fixtures/index.js';
import {
  advance,
  BASIC,
  client,
  fake,
  issueAppTokens,
  listingReply,
  rejectsWith,
  search,
  signal,
  USER_AGENT,
  useFakeReddit,
} from './fixtures/client-harness.js';

/** The Reddit client with an app-only token: token reuse and renewal, search, top, rate limits. */

useFakeReddit();

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
