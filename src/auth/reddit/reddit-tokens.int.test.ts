import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { apiKeyFor, createTestUser } from '../../../test/users.js';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { tokenRequest } from '../../sandbox/test-support.js';
import {
  Browser,
  consentOnReddit,
  expireAccessToken,
  freePort,
  identityOf,
  listeningApp,
  plaintext,
  redditUserOf,
  signInWithReddit,
} from './sign-in.test-support.js';

/**
 * Users' Reddit tokens after sign-in: refresh with rotation, one refresh for concurrent callers,
 * revoked grants, isolation between users, revocation on account deletion. The sandbox runs
 * outside the app here so the test sees every upstream call the app makes.
 */

const OTHER_REDIRECT_URI = 'http://127.0.0.1:9/another-app/callback';

describe('Reddit tokens of signed-in users', () => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let t: TestApp & { url: string };
  const upstreamCalls: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    sandbox = await startSandbox({
      redditRedirectUris: [`http://127.0.0.1:${port}/auth/reddit/callback`, OTHER_REDIRECT_URI],
      log: pino(
        { level: 'debug' },
        {
          write(line: string) {
            const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string };
            if (entry.msg === 'Sandbox request')
              upstreamCalls.push(`${entry.method} ${entry.path}`);
          },
        },
      ),
    });
    t = await listeningApp(
      {
        DATABASE_URL: database.url,
        PROVIDERS_ENABLED: 'reddit',
        REDDIT_AUTH_BASE_URL: sandbox.baseUrls.redditAuth,
        REDDIT_API_BASE_URL: sandbox.baseUrls.redditApi,
      },
      port,
    );
  });
  after(async () => {
    await t.close();
    await sandbox.close();
    await database.drop();
  });
  beforeEach(() => {
    upstreamCalls.length = 0;
  });

  const refreshCalls = () =>
    upstreamCalls.filter((call) => call === 'POST /reddit/www/api/v1/access_token').length;
  const hot = (b: Browser) => b.get(`${t.url}/v1/me/reddit/hot?limit=5`);
  const signedIn = async (username: string) => {
    const b = new Browser(t.url);
    await signInWithReddit(b, t.url, { username });
    const principal = await t.deps.services.sessions.resolve(b.cookie('newsroom_session') ?? '');
    assert.ok(principal !== undefined);
    return { browser: b, userId: principal.userId };
  };

  it('refreshes an expired access token once and replaces the refresh token (rotation)', async () => {
    const { browser, userId } = await signedIn('rotating_user');
    const before = await identityOf(database.db, userId);
    await expireAccessToken(database.db, userId, new Date(Date.now() - 60_000));
    upstreamCalls.length = 0;

    assert.equal((await hot(browser)).status, 200);
    assert.equal((await hot(browser)).status, 200);
    assert.equal(refreshCalls(), 1, 'the second call used the refreshed token');

    const after = await identityOf(database.db, userId);
    assert.notEqual(plaintext(after, 'refresh'), plaintext(before, 'refresh'));
    assert.notEqual(plaintext(after, 'access'), plaintext(before, 'access'));
    assert.ok((after.expiresAt?.getTime() ?? 0) > Date.now() + 3600_000);
    assert.equal(await redditUserOf(sandbox, plaintext(after, 'access')), 'rotating_user');
    // Reddit (the sandbox) no longer accepts the replaced refresh token.
    const old = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: plaintext(before, 'refresh'),
    });
    assert.equal(old.status, 400);
  });

  it('refreshes a token that expires within a minute', async () => {
    const { browser, userId } = await signedIn('nearly_expired');
    const before = await identityOf(database.db, userId);
    await expireAccessToken(database.db, userId, new Date(Date.now() + 30_000));
    assert.equal((await hot(browser)).status, 200);
    const after = await identityOf(database.db, userId);
    assert.notEqual(after.refreshToken, before.refreshToken);
  });

  it('makes one refresh call for concurrent requests of one user', async () => {
    const { browser, userId } = await signedIn('busy_reader');
    await expireAccessToken(database.db, userId, new Date(Date.now() - 60_000));
    upstreamCalls.length = 0;
    const answers = await Promise.all([hot(browser), hot(browser), hot(browser), hot(browser)]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200],
    );
    assert.equal(refreshCalls(), 1);
  });

  it('clears the tokens and asks to sign in again when Reddit revoked the grant', async () => {
    const { browser, userId } = await signedIn('revoked_reader');
    const identity = await identityOf(database.db, userId);
    const revoke = await tokenRequest(
      sandbox,
      { token: plaintext(identity, 'refresh'), token_type_hint: 'refresh_token' },
      '/api/v1/revoke_token',
    );
    assert.equal(revoke.status, 200);

    for (let i = 0; i < 2; i++) {
      const res = await hot(browser);
      assert.equal(res.status, 401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'reddit_reauth_required');
      assert.equal(body.error.message, 'Sign in with Reddit again');
    }
    const cleared = await identityOf(database.db, userId);
    assert.equal(cleared.accessToken, null);
    assert.equal(cleared.refreshToken, null);
    assert.equal(cleared.expiresAt, null);

    // The identity stays, so signing in again comes back to the same user and works.
    const again = await signedIn('revoked_reader');
    assert.equal(again.userId, userId);
    assert.equal((await hot(again.browser)).status, 200);
  });

  it("never uses one user's Reddit tokens for another user", async () => {
    const alice = await signedIn('alice_reads');
    const bob = await signedIn('bob_reads');
    const aliceBefore = await identityOf(database.db, alice.userId);
    const bobBefore = await identityOf(database.db, bob.userId);
    await expireAccessToken(database.db, alice.userId, new Date(Date.now() - 60_000));
    upstreamCalls.length = 0;

    assert.equal((await hot(bob.browser)).status, 200);
    assert.equal(refreshCalls(), 0, "Bob's valid token needed no refresh of Alice's");
    assert.equal(
      (await identityOf(database.db, alice.userId)).refreshToken,
      aliceBefore.refreshToken,
    );
    assert.equal((await identityOf(database.db, bob.userId)).refreshToken, bobBefore.refreshToken);

    const tokens = t.deps.services.redditTokens;
    assert.equal(
      await redditUserOf(sandbox, await tokens.accessToken(alice.userId)),
      'alice_reads',
    );
    assert.equal(await redditUserOf(sandbox, await tokens.accessToken(bob.userId)), 'bob_reads');

    // An API key works as well as the session, and acts for its own owner only.
    const aliceKey = (await t.deps.services.apiKeys.create(alice.userId, 'reader')).key;
    const withKey = await fetch(`${t.url}/v1/me/reddit/hot?limit=5`, {
      headers: { authorization: `Bearer ${aliceKey}` },
    });
    assert.equal(withKey.status, 200);
    const carol = await createTestUser(database.db);
    const carolKey = await apiKeyFor(t.deps, carol);
    const notLinked = await fetch(`${t.url}/v1/me/reddit/hot`, {
      headers: { authorization: `Bearer ${carolKey}` },
    });
    assert.equal(notLinked.status, 409);
    assert.equal(
      ((await notLinked.json()) as { error: { code: string } }).error.code,
      'reddit_not_linked',
    );
    const anonymous = await fetch(`${t.url}/v1/me/reddit/hot`);
    assert.equal(anonymous.status, 401);
  });

  it('fails the exchange cleanly when the code was issued for another redirect URI', async () => {
    const b = new Browser(t.url);
    const { callback } = await consentOnReddit(b, t.url, {
      alterAuthorize: (url) => url.searchParams.set('redirect_uri', OTHER_REDIRECT_URI),
    });
    assert.equal(callback.origin + callback.pathname, OTHER_REDIRECT_URI);
    const ours = new URL(`${t.url}/auth/reddit/callback`);
    ours.search = callback.search;
    const res = await b.get(ours);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /did not accept[\s\S]*<code>oauth_failed<\/code>/);
    assert.equal(b.cookie('newsroom_session'), undefined);
  });

  it('answers My Reddit even when the article store cannot be written', async () => {
    const { browser } = await signedIn('store_down');
    await sql`create function refuse_articles() returns trigger language plpgsql as $$
      begin raise exception 'store is down'; end $$`.execute(database.db);
    await sql`create trigger refuse_articles before insert or update on articles
      for each statement execute function refuse_articles()`.execute(database.db);
    try {
      const res = await hot(browser);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { persisted: boolean; articles: { articleId: unknown }[] };
      assert.equal(body.persisted, false);
      assert.ok(body.articles.length > 0);
      assert.ok(body.articles.every((a) => a.articleId === null));
    } finally {
      await sql`drop trigger refuse_articles on articles`.execute(database.db);
      await sql`drop function refuse_articles()`.execute(database.db);
    }
  });

  it('revokes the tokens at Reddit when the account is deleted', async () => {
    const { userId } = await signedIn('leaving_reader');
    const identity = await identityOf(database.db, userId);
    const access = plaintext(identity, 'access');
    const refresh = plaintext(identity, 'refresh');
    await t.deps.services.account.deleteAccount(userId);

    assert.equal(await redditUserOf(sandbox, access), null, 'access token revoked');
    const refused = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
    });
    assert.equal(refused.status, 400, 'refresh token revoked');
    const rows = await database.db
      .selectFrom('identities')
      .select('id')
      .where('user_id', '=', userId)
      .execute();
    assert.equal(rows.length, 0);
  });
});
