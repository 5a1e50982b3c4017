import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Clock } from '../../clock.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import type { ProviderError } from '../provider-error.js';
import { createRedditClient, type RedditClient } from './reddit.client.js';

/**
 * The client against the sandbox's Reddit emulation, the same way the product uses it: if these
 * pass and the unit tests pin the quirks, the client should behave against the real service.
 */

const REDIRECT_URI = 'http://127.0.0.1:8080/auth/reddit/callback';
const USER_AGENT = 'test:dev.newsroom.contract:v0.1.0 (by /u/newsroom_dev)';
const SCOPES = ['identity', 'read', 'mysubreddits'];

let time = Date.parse('2026-03-14T12:00:00Z');
const clock: Clock = { now: () => new Date(time) };
const signal = () => new AbortController().signal;
let sandbox: Sandbox;

function client(clientSecret: string = SANDBOX_CREDENTIALS.redditClientSecret): RedditClient {
  return createRedditClient({
    authBaseUrl: sandbox.baseUrls.redditAuth,
    apiBaseUrl: sandbox.baseUrls.redditApi,
    clientId: SANDBOX_CREDENTIALS.redditClientId,
    clientSecret,
    userAgent: USER_AGENT,
    redirectUri: REDIRECT_URI,
    timeoutMs: 5000,
    clock,
    log: pino({ level: 'silent' }),
  });
}

/** Walks the consent page as a browser would (Allow) and returns the code from the redirect. */
async function authorize(reddit: RedditClient, state: string): Promise<string> {
  const page = await fetch(reddit.authorizeUrl({ state, scopes: SCOPES, duration: 'permanent' }));
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action !== undefined, `no consent form (HTTP ${page.status})`);
  const form = new URLSearchParams();
  for (const [, name = '', value = ''] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
  )) {
    form.set(name, value.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  form.set('username', 'contract_reader');
  form.set('authorize', 'Allow');
  const res = await fetch(new URL(action, sandbox.url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = new URL(res.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get('state'), state);
  return location.searchParams.get('code') ?? '';
}

function assertRedditArticles(articles: Awaited<ReturnType<RedditClient['search']>>['articles']) {
  assert.ok(articles.length > 0);
  for (const a of articles) {
    assert.match(a.source.providerId, /^t3_[0-9a-z]+$/);
    assert.match(a.source.outlet ?? '', /^r\/\w+$/);
    assert.match(a.source.providerUrl ?? '', /^https:\/\/www\.reddit\.com\/r\/\w+\/comments\//);
    assert.match(a.url, /^https?:\/\//);
    assert.doesNotMatch(`${a.title} ${a.url} ${a.description ?? ''}`, /&(amp|lt|gt);/);
    assert.equal(a.language, null);
  }
}

before(async () => {
  sandbox = await startSandbox({
    now: () => new Date(time),
    tokenLifetimeSeconds: 3600,
    redditRedirectUris: [REDIRECT_URI],
  });
});
after(() => sandbox.close());

describe('Reddit client against the sandbox', () => {
  it('searches with an app-only token and adapts the posts', async () => {
    const page = await client().search({ q: 'climate', pageSize: 25 }, { signal: signal() });
    assertRedditArticles(page.articles);
    assert.ok(page.articles.length <= 25);
    assert.equal(page.totalResults, null);
  });

  it('reads r/popular/hot for top', async () => {
    const page = await client().top({ pageSize: 10 }, { signal: signal() });
    assertRedditArticles(page.articles);
    assert.ok(page.articles.length <= 10);
  });

  it('keeps searching across the app token’s lifetime', async () => {
    const reddit = client();
    await reddit.search({ q: 'election', pageSize: 5 }, { signal: signal() });
    time += 3590 * 1000;
    const page = await reddit.search({ q: 'election', pageSize: 5 }, { signal: signal() });
    assert.ok(page.articles.length > 0);
  });

  it('fails with auth when the client secret is wrong', async () => {
    await assert.rejects(
      client('not-the-secret').search({ q: 'climate', pageSize: 5 }, { signal: signal() }),
      (error: ProviderError) => error.kind === 'auth' && error.upstreamCode === 'invalid_client',
    );
  });

  it('exchanges a consented code for a permanent grant and refuses to reuse the code', async () => {
    const reddit = client();
    const code = await authorize(reddit, 'contract-state-1');
    const tokens = await reddit.exchangeCode(code, signal());
    assert.ok(tokens.refreshToken !== null);
    assert.deepEqual([...tokens.scopes].sort(), ['identity', 'mysubreddits', 'read']);
    assert.equal(tokens.expiresAt.getTime(), clock.now().getTime() + 3600 * 1000);
    await assert.rejects(
      reddit.exchangeCode(code, signal()),
      (error: ProviderError) => error.kind === 'auth' && error.upstreamCode === 'invalid_grant',
    );
  });

  it('reads me() and the user’s own hot posts with the user token', async () => {
    const reddit = client();
    const tokens = await reddit.exchangeCode(await authorize(reddit, 'contract-me'), signal());
    const identity = await reddit.me(tokens.accessToken, signal());
    assert.equal(identity.name, 'contract_reader');
    assert.ok(identity.id !== '');
    assertRedditArticles((await reddit.userHot(tokens.accessToken, 10, signal())).articles);
  });

  it('rotates the refresh token on refresh and refuses it once revoked', async () => {
    const reddit = client();
    const first = await reddit.exchangeCode(await authorize(reddit, 'contract-rot'), signal());
    const rotated = await reddit.refreshUserToken(first.refreshToken ?? '', signal());
    assert.ok(rotated.refreshToken !== null);
    assert.notEqual(rotated.refreshToken, first.refreshToken);
    assert.equal((await reddit.me(rotated.accessToken, signal())).name, 'contract_reader');

    await reddit.revokeToken(rotated.refreshToken, 'refresh_token', signal());
    await assert.rejects(
      reddit.refreshUserToken(rotated.refreshToken, signal()),
      (error: ProviderError) => error.kind === 'auth' && error.upstreamCode === 'invalid_grant',
    );
  });
});
