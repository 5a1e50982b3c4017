import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { apiKeyFor, createTestUser, signIn, type SignedIn } from '../../test/users.js';
import { hashSecret } from '../auth/secret-token.js';
import { hashPassword } from '../auth/local/password.js';
import { buildApp } from '../http/app.js';
import { accountExportSections } from './account-export.js';
import { createAccountService } from './account.service.js';

/** GET /v1/me/export and DELETE /v1/me over a user who owns a row in every table. */

const OWNED_TABLES = [
  'identities',
  'sessions',
  'api_keys',
  'saved_articles',
  'search_history',
  'preferences',
] as const;

interface Seeded {
  browser: SignedIn;
  apiKey: string;
  /** Appears in every row the user owns, and nowhere else. */
  marker: string;
  /** Values that must never leave the server. */
  secrets: string[];
}

/** A user with a password, a linked identity, a session, an API key, and one row of each kind. */
async function seedAccount(t: TestApp, database: TestDatabase): Promise<Seeded> {
  const { db } = database;
  const marker = `m${randomUUID().replaceAll('-', '')}`;
  const passwordHash = await hashPassword(`password-${marker}`);
  const user = await createTestUser(db, { passwordHash, displayName: `name-${marker}` });
  await db
    .insertInto('identities')
    .values({
      user_id: user.id,
      provider: 'reddit',
      subject: `subject-${marker}`,
      username: `reddit-${marker}`,
      access_token: `enc-access-${marker}`,
      refresh_token: `enc-refresh-${marker}`,
    })
    .execute();
  const browser = await signIn(t.deps, user);
  const apiKey = await apiKeyFor(t.deps, user, `key-${marker}`);
  const article = await db
    .insertInto('articles')
    .values({
      canonical_url: `https://news.example/${marker}`,
      url: `https://news.example/${marker}`,
      title: `Story ${marker}`,
      published_at: new Date('2026-11-20T12:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('saved_articles')
    .values({ user_id: user.id, article_id: article.id, note: `note-${marker}`, tags: ['x'] })
    .execute();
  await db
    .insertInto('search_history')
    .values({
      user_id: user.id,
      query: `query-${marker}`,
      params: JSON.stringify({ sort: 'recency' }),
      result_count: 3,
    })
    .execute();
  await db
    .insertInto('preferences')
    .values({ user_id: user.id, key: 'theme', value: JSON.stringify(`dark-${marker}`) })
    .execute();
  const sessionToken = browser.cookie.replace('newsroom_session=', '');
  const secrets = [
    passwordHash,
    sessionToken,
    browser.csrfToken,
    apiKey,
    `enc-access-${marker}`,
    `enc-refresh-${marker}`,
    ...[sessionToken, apiKey].flatMap((s) => [
      hashSecret(s).toString('hex'),
      hashSecret(s).toString('base64'),
    ]),
  ];
  return { browser, apiKey, marker, secrets };
}

async function countOwned(database: TestDatabase, userId: string) {
  const counts: Record<string, number> = {};
  for (const table of OWNED_TABLES) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)} where user_id = ${userId}`.execute(
      database.db,
    );
    counts[table] = rows[0]?.n ?? -1;
  }
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from users where id = ${userId}`.execute(database.db);
  counts.users = rows[0]?.n ?? -1;
  return counts;
}

describe('the account export and deletion', () => {
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

  const deleteMe = (headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({
      method: 'DELETE',
      url: '/v1/me',
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it("exports a row from every table for the user, nothing of another user's, and no secret", async () => {
    const alice = await seedAccount(t, database);
    const bob = await seedAccount(t, database);
    const res = await t.app.inject({
      url: '/v1/me/export',
      headers: { cookie: alice.browser.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment/);
    const body = res.json();
    const m = alice.marker;
    assert.equal(body.user.id, alice.browser.user.id);
    assert.equal(body.user.displayName, `name-${m}`);
    assert.equal(body.identities[0].username, `reddit-${m}`);
    assert.equal(body.sessions.length, 1);
    assert.equal(body.apiKeys[0].name, `key-${m}`);
    assert.equal(body.savedArticles[0].note, `note-${m}`);
    assert.equal(body.savedArticles[0].title, `Story ${m}`);
    assert.equal(body.searchHistory[0].query, `query-${m}`);
    assert.deepEqual(body.searchHistory[0].params, { sort: 'recency' });
    assert.equal(body.preferences[0].value, `dark-${m}`);
    assert.ok(!Number.isNaN(Date.parse(body.exportedAt)));

    assert.ok(!res.body.includes(bob.marker), "another user's rows leaked into the export");
    for (const secret of [...alice.secrets, ...bob.secrets]) {
      assert.ok(
        !res.body.includes(secret),
        `the export contains a secret (${secret.slice(0, 6)}…)`,
      );
    }
    assert.ok(!res.body.includes('"Buffer"'), 'no raw hash column');
    assert.ok(!/csrf|password_?hash|token_?hash|access_?token|refresh_?token/i.test(res.body));
  });

  it('exports for an API key too (a program can back up its owner)', async () => {
    const alice = await seedAccount(t, database);
    const res = await t.app.inject({
      url: '/v1/me/export',
      headers: { authorization: `Bearer ${alice.apiKey}` },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().user.id, alice.browser.user.id);
  });

  it('refuses deletion without confirm: true, without CSRF, or with an API key', async () => {
    const alice = await seedAccount(t, database);
    const before = await countOwned(database, alice.browser.user.id);
    for (const payload of [undefined, {}, { confirm: false }, { confirm: 'true' }]) {
      const res = await deleteMe(alice.browser.headers, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    const noCsrf = await deleteMe({ cookie: alice.browser.cookie }, { confirm: true });
    assert.equal(noCsrf.statusCode, 403);
    const byKey = await deleteMe({ authorization: `Bearer ${alice.apiKey}` }, { confirm: true });
    assert.equal(byKey.statusCode, 403);
    assert.deepEqual(await countOwned(database, alice.browser.user.id), before);
  });

  it("deletes every row the user owns in every table, clears the cookie, and leaves others' rows", async () => {
    const alice = await seedAccount(t, database);
    const bob = await seedAccount(t, database);
    const aliceBefore = await countOwned(database, alice.browser.user.id);
    const bobBefore = await countOwned(database, bob.browser.user.id);
    for (const [table, n] of Object.entries(aliceBefore)) assert.ok(n >= 1, `seeded ${table}`);

    const res = await deleteMe(alice.browser.headers, { confirm: true });
    assert.equal(res.statusCode, 204);
    assert.equal(res.cookies.find((c) => c.name === 'newsroom_session')?.value, '');

    const aliceAfter = await countOwned(database, alice.browser.user.id);
    for (const [table, n] of Object.entries(aliceAfter))
      assert.equal(n, 0, `rows left in ${table}`);
    assert.deepEqual(await countOwned(database, bob.browser.user.id), bobBefore);
    const byCookie = await t.app.inject({
      url: '/v1/me',
      headers: { cookie: alice.browser.cookie },
    });
    assert.equal(byCookie.statusCode, 401);
    const byKey = await t.app.inject({
      url: '/v1/me',
      headers: { authorization: `Bearer ${alice.apiKey}` },
    });
    assert.equal(byKey.statusCode, 401);
  });

  describe('with before-delete hooks', () => {
    let app: FastifyInstance;
    const calls: { userId: string; userStillThere: boolean }[] = [];
    before(async () => {
      const account = createAccountService({
        db: database.db,
        clock: t.deps.clock,
        log: t.deps.log,
        exportSections: accountExportSections({
          db: database.db,
          apiKeys: t.deps.services.apiKeys,
        }),
        beforeDelete: [
          () => Promise.reject(new Error('the provider is down')),
          async (userId) => {
            const { users } = await countOwned(database, userId);
            calls.push({ userId, userStillThere: users === 1 });
          },
        ],
      });
      app = await buildApp({
        config: t.deps.config,
        log: t.deps.log,
        services: { ...t.deps.services, account },
        metrics: t.deps.metrics,
      });
    });
    after(async () => {
      await app.close();
    });

    it('runs every hook before deleting, and a failing hook does not stop the deletion', async () => {
      const alice = await seedAccount(t, database);
      const res = await app.inject({
        method: 'DELETE',
        url: '/v1/me',
        headers: alice.browser.headers,
        payload: { confirm: true },
      });
      assert.equal(res.statusCode, 204);
      assert.deepEqual(calls, [{ userId: alice.browser.user.id, userStillThere: true }]);
      assert.equal((await countOwned(database, alice.browser.user.id)).users, 0);
    });
  });
});
