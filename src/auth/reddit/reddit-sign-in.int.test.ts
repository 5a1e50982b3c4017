import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestUser, signIn } from '../../../test/users.js';
import type { TestApp } from '../../../test/app.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { hashSecret } from '../secret-token.js';
import {
  Browser,
  consentOnReddit,
  identityOf,
  listeningApp,
  plaintext,
  redditUserOf,
  signInWithReddit,
  storedIdentities,
} from './sign-in.test-support.js';

/** Sign in with Reddit over real HTTP, against the in-process sandbox the app starts itself. */

describe('Sign in with Reddit (sandbox mode)', () => {
  let database: TestDatabase;
  let t: TestApp & { url: string };
  let sandbox: Sandbox;
  before(async () => {
    database = await createTestDatabase();
    t = await listeningApp({ DATABASE_URL: database.url, SANDBOX_QUOTAS: 'unlimited' });
    assert.ok(t.deps.sandbox !== undefined, 'the app started its sandbox');
    sandbox = t.deps.sandbox;
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  const browser = () => new Browser(t.url);
  const userCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const assertFailurePage = async (res: Response, pattern: RegExp) => {
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /<code>oauth_failed<\/code>/);
    assert.match(html, /<a href="\/">/);
    assert.match(html, pattern);
    assert.doesNotMatch(html, /at \S+ \(|node_modules|\.ts:\d+/);
  };

  it('signs in through the consent page, starts a session and stores only encrypted tokens', async () => {
    const b = browser();
    const { location } = await signInWithReddit(b, t.url, {
      returnTo: '/saved?tab=notes',
      username: 'flow_reader',
    });
    assert.equal(location, '/saved?tab=notes');
    assert.ok(b.cookie('newsroom_session')?.startsWith('nrs_'), 'session cookie set');
    assert.equal(b.cookie('newsroom_oauth'), undefined, 'oauth cookie cleared');

    const principal = await t.deps.services.sessions.resolve(b.cookie('newsroom_session') ?? '');
    assert.ok(principal !== undefined);
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    assert.equal(user.display_name, 'flow_reader');
    assert.equal(user.email, null);
    assert.equal(user.password_hash, null);

    const identity = await identityOf(database.db, principal.userId);
    assert.equal(identity.username, 'flow_reader');
    assert.deepEqual(identity.scopes.split(' ').sort(), ['identity', 'mysubreddits', 'read']);
    assert.ok((identity.expiresAt?.getTime() ?? 0) > Date.now() + 3600_000);
    for (const kind of ['access', 'refresh'] as const) {
      const envelope = (kind === 'access' ? identity.accessToken : identity.refreshToken) ?? '';
      const token = plaintext(identity, kind);
      assert.match(envelope, /^v1\.test1\./);
      assert.ok(!envelope.includes(token), `${kind} token is not stored in clear`);
    }
    // The stored access token is the real one: the sandbox knows whose it is, and the subject.
    const access = plaintext(identity, 'access');
    assert.equal(await redditUserOf(sandbox, access), 'flow_reader');
    const me = (await (
      await fetch(`${sandbox.baseUrls.redditApi}/api/v1/me`, {
        headers: { authorization: `bearer ${access}`, 'user-agent': 'test:newsroom:v1 (by /u/x)' },
      })
    ).json()) as { id: string };
    assert.equal(identity.subject, me.id);

    // The session works for the API: the user's Reddit front page, written to the store.
    const hot = await b.get(`${t.url}/v1/me/reddit/hot?limit=10`);
    assert.equal(hot.status, 200);
    const body = (await hot.json()) as {
      articles: { articleId: string | null; providers: string[]; sources: unknown[] }[];
      persisted: boolean;
    };
    assert.equal(body.persisted, true);
    assert.ok(body.articles.length > 0 && body.articles.length <= 10);
    for (const article of body.articles) {
      assert.deepEqual(article.providers, ['reddit']);
      assert.ok(article.articleId !== null);
    }
    const stored = await database.db
      .selectFrom('articles')
      .select('id')
      .where(
        'id',
        'in',
        body.articles.map((a) => a.articleId ?? ''),
      )
      .execute();
    assert.equal(stored.length, body.articles.length);
  });

  it('refuses the same callback URL a second time (single-use state)', async () => {
    const b = browser();
    const { callback } = await signInWithReddit(b, t.url);
    const session = b.cookie('newsroom_session');
    const replay = await b.get(callback);
    await assertFailurePage(replay, /unknown or was already used/);
    assert.equal(b.cookie('newsroom_session'), session, 'the session is untouched');
  });

  it('refuses a missing, unknown or forged state', async () => {
    const b = browser();
    const { callback } = await consentOnReddit(b, t.url);
    const code = callback.searchParams.get('code') ?? '';
    const none = await b.get(`${t.url}/auth/reddit/callback?code=${code}`);
    await assertFailurePage(none, /no state/);
    const forged = await b.get(`${t.url}/auth/reddit/callback?state=forged-state&code=${code}`);
    await assertFailurePage(forged, /unknown or was already used/);
    assert.equal(b.cookie('newsroom_session'), undefined);
  });

  it('refuses a state started in another browser', async () => {
    const victim = browser();
    await consentOnReddit(victim, t.url);
    const attacker = browser();
    const { callback } = await consentOnReddit(attacker, t.url, { username: 'attacker_acct' });
    // The attacker gets the victim's browser to open the attacker's callback URL.
    const res = await victim.get(callback);
    await assertFailurePage(res, /another browser/);
    assert.equal(victim.cookie('newsroom_session'), undefined);

    const noCookie = await new Browser(t.url).get(
      (await consentOnReddit(browser(), t.url)).callback,
    );
    await assertFailurePage(noCookie, /another browser/);
  });

  it('refuses an expired state', async () => {
    const b = browser();
    const { callback, state } = await consentOnReddit(b, t.url);
    await database.db
      .updateTable('oauth_states')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('state_hash', '=', hashSecret(state))
      .execute();
    await assertFailurePage(await b.get(callback), /expired/);
  });

  it('answers a 400 page when the person declines on Reddit', async () => {
    const b = browser();
    const { callback } = await consentOnReddit(b, t.url, { button: 'Decline' });
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    await assertFailurePage(await b.get(callback), /declined/);
    assert.equal(b.cookie('newsroom_session'), undefined);
  });

  it('rejects an authorization code used a second time', async () => {
    const b = browser();
    const first = await signInWithReddit(b, t.url, { username: 'code_reuser' });
    const session = b.cookie('newsroom_session');
    const { callback } = await consentOnReddit(b, t.url, { username: 'code_reuser' });
    callback.searchParams.set('code', first.callback.searchParams.get('code') ?? '');
    await assertFailurePage(await b.get(callback), /did not accept/);
    assert.equal(b.cookie('newsroom_session'), session);
  });

  it('sends every open-redirect attempt to /', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example', '/\\evil', '/\\\\evil']) {
      const { location } = await signInWithReddit(browser(), t.url, { returnTo });
      assert.equal(location, '/', returnTo);
    }
  });

  it('signs the same Reddit account back into the same user', async () => {
    await signInWithReddit(browser(), t.url, { username: 'returning_one' });
    const users = await userCount();
    const b = browser();
    await signInWithReddit(b, t.url, { username: 'returning_one' });
    assert.equal(await userCount(), users);
    const principal = await t.deps.services.sessions.resolve(b.cookie('newsroom_session') ?? '');
    const matching = (await storedIdentities(database.db)).filter(
      (i) => i.username === 'returning_one',
    );
    assert.equal(matching.length, 1);
    assert.equal(principal?.userId, matching[0]?.userId);
  });

  it('links Reddit to the signed-in user, rotating their session', async () => {
    const user = await createTestUser(database.db);
    const before = await signIn(t.deps, user);
    const b = browser();
    b.cookies.set('newsroom_session', { value: before.cookie.split('=')[1] ?? '', path: '/' });
    const users = await userCount();
    await signInWithReddit(b, t.url, { username: 'linked_later' });
    assert.equal(await userCount(), users, 'no new user');
    assert.equal((await identityOf(database.db, user.id)).username, 'linked_later');
    const now = b.cookie('newsroom_session') ?? '';
    assert.notEqual(now, before.cookie.split('=')[1]);
    assert.equal((await t.deps.services.sessions.resolve(now))?.userId, user.id);
    assert.equal(
      await t.deps.services.sessions.resolve(before.cookie.split('=')[1] ?? ''),
      undefined,
    );
  });

  it('documents the sign-in and My Reddit routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    for (const path of ['/auth/reddit/login', '/auth/reddit/callback', '/v1/me/reddit/hot']) {
      assert.ok(doc.paths[path]?.get, `${path} documented`);
    }
    assert.ok(doc.paths['/auth/reddit/login']?.get?.responses['302']);
    assert.ok(doc.paths['/v1/me/reddit/hot']?.get?.responses['200']);
  });

  it('refuses to move a Reddit account linked to someone else to the signed-in user', async () => {
    await signInWithReddit(browser(), t.url, { username: 'owned_elsewhere' });
    const other = await createTestUser(database.db);
    const session = await signIn(t.deps, other);
    const b = browser();
    b.cookies.set('newsroom_session', { value: session.cookie.split('=')[1] ?? '', path: '/' });
    const { callback } = await consentOnReddit(b, t.url, { username: 'owned_elsewhere' });
    await assertFailurePage(await b.get(callback), /linked to another Newsroom account/);
    const linked = await storedIdentities(database.db);
    assert.ok(!linked.some((i) => i.userId === other.id));
  });
});
