import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { apiKeyFor, signedInUser } from '../../test/users.js';
import { upsertArticle } from '../articles/article.repository.js';

/**
 * User B, with a session and with an API key, tries every saved-article, history and preference
 * endpoint on user A's ids and parameters: each answers 404 (or acts on B's own rows only), and
 * A's rows read back unchanged.
 */
describe('saved articles, history and preferences across users', () => {
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

  /** Everything A owns in the three tables, in a stable order. */
  async function rowsOf(userId: string) {
    const db = database.db;
    return {
      saved: await db
        .selectFrom('saved_articles')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('article_id')
        .execute(),
      history: await db
        .selectFrom('search_history')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
      preferences: await db
        .selectFrom('preferences')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('key')
        .execute(),
    };
  }

  for (const credential of ['session', 'api key'] as const) {
    const how = credential === 'session' ? 'a session' : 'an API key';
    it(`never lets B read, change or delete A's rows (B with ${how})`, async () => {
      const a = await signedInUser(t.deps, database.db);
      const b = await signedInUser(t.deps, database.db);
      const bHeaders =
        credential === 'session'
          ? b.headers
          : { authorization: `Bearer ${await apiKeyFor(t.deps, b.user)}` };
      const asB = (options: InjectOptions) =>
        t.app.inject({ ...options, headers: { ...bHeaders, ...options.headers } });

      // A's rows: two saved articles (one tagged), a search, preferences.
      const secretWord = `zx${Date.now().toString(36)}`;
      const articles = [
        await upsertArticle(database.db, articleDraft({ title: `Leak ${secretWord}` })),
        await upsertArticle(database.db, articleDraft()),
      ];
      for (const id of articles) {
        const res = await t.app.inject({
          method: 'PUT',
          url: `/v1/saved/${id}`,
          headers: a.headers,
          payload: { note: 'private', tags: ['secret'] },
        });
        assert.equal(res.statusCode, 201);
      }
      await t.app.inject({ url: `/v1/articles?q=${secretWord}`, headers: { cookie: a.cookie } });
      const prefs = await t.app.inject({
        method: 'PATCH',
        url: '/v1/preferences',
        headers: a.headers,
        payload: { theme: 'dark', results_per_page: 7 },
      });
      assert.equal(prefs.statusCode, 200);
      await t.deps.services.history.drain();
      const aBefore = await rowsOf(a.user.id);
      assert.equal(aBefore.history.length, 1);
      const historyId = aBefore.history[0]!.id;
      const aSavedPage = await t.app.inject({
        url: '/v1/saved?limit=1',
        headers: { cookie: a.cookie },
      });
      const aCursor = aSavedPage.json().nextCursor as string;

      // Reads: B sees none of A's rows, whatever the filter or cursor.
      for (const query of ['', 'tag=secret', `q=${secretWord}`, `cursor=${aCursor}`]) {
        const res = await asB({ url: `/v1/saved?${query}` });
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json().items, [], query);
      }
      const history = await asB({ url: '/v1/history' });
      assert.deepEqual(history.json().entries, []);
      const bPrefs = (await asB({ url: '/v1/preferences' })).json().preferences;
      assert.equal(bPrefs.theme.value, 'system');
      assert.equal(bPrefs.theme.set, false);

      // Deletes on A's ids: 404 exactly like a missing id.
      const unsave = await asB({ method: 'DELETE', url: `/v1/saved/${articles[0]}` });
      assert.equal(unsave.statusCode, 404);
      assert.equal(unsave.json().error.code, 'saved_article_not_found');
      const forget = await asB({ method: 'DELETE', url: `/v1/history/${historyId}` });
      assert.equal(forget.statusCode, 404);
      assert.equal(forget.json().error.code, 'history_entry_not_found');
      const missing = await asB({ method: 'DELETE', url: '/v1/history/999999999' });
      assert.deepEqual(
        forget.json().error.message.replace(historyId, ''),
        missing.json().error.message.replace('999999999', ''),
      );

      // Writes act on B's own rows only.
      assert.equal((await asB({ method: 'DELETE', url: '/v1/history' })).statusCode, 204);
      const save = await asB({
        method: 'PUT',
        url: `/v1/saved/${articles[1]}`,
        payload: { note: 'mine', tags: ['other'] },
      });
      assert.equal(save.statusCode, 201, 'B saves the same article as B’s own row');
      assert.equal(save.json().note, 'mine');
      for (const options of [
        { method: 'PUT', url: '/v1/preferences/theme', payload: { value: 'light' } },
        { method: 'PATCH', url: '/v1/preferences', payload: { results_per_page: 3 } },
        { method: 'DELETE', url: '/v1/preferences/theme' },
        { method: 'DELETE', url: '/v1/preferences/results_per_page' },
      ] as const) {
        const res = await asB(options);
        assert.ok(res.statusCode === 200 || res.statusCode === 204, res.body);
      }
      const unsaveOwn = await asB({ method: 'DELETE', url: `/v1/saved/${articles[1]}` });
      assert.equal(unsaveOwn.statusCode, 204);

      assert.deepEqual(await rowsOf(a.user.id), aBefore, "A's rows are unchanged");
    });
  }
});
