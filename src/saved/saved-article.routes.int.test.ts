import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { apiKeyFor, signedInUser, type SignedIn } from '../../test/users.js';
import { upsertArticle } from '../articles/article.repository.js';

interface Item {
  article: { id: string; title: string; sources: { provider: string; outlet: string | null }[] };
  note: string | null;
  tags: string[];
  savedAt: string;
  updatedAt: string;
}

describe('saved articles (/v1/saved)', () => {
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

  const newArticle = (title = `Story ${Math.random().toString(36).slice(2)}`) =>
    upsertArticle(database.db, articleDraft({ title }));
  const save = (who: SignedIn, id: string, payload?: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `/v1/saved/${id}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const list = (who: SignedIn, query = '') =>
    t.app.inject({ url: `/v1/saved?${query}`, headers: { cookie: who.cookie } });

  it('saves an article with a note and normalised tags (201), then answers 200 when saved again', async () => {
    const who = await signedInUser(t.deps, database.db);
    const id = await newArticle();
    const first = await save(who, id, { note: 'read later', tags: [' Climate ', 'climate', 'EU'] });
    assert.equal(first.statusCode, 201, first.body);
    const item = first.json<Item>();
    assert.equal(item.article.id, id);
    assert.equal(item.article.sources[0]?.provider, 'newsapi');
    assert.equal(item.note, 'read later');
    assert.deepEqual(item.tags, ['climate', 'eu']);

    const again = await save(who, id);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<Item>().note, 'read later', 'a save without fields keeps them');
    assert.deepEqual(again.json<Item>().tags, ['climate', 'eu']);

    const retagged = await save(who, id, { tags: ['policy'] });
    assert.equal(retagged.statusCode, 200);
    assert.deepEqual(retagged.json<Item>().tags, ['policy']);
    assert.equal(retagged.json<Item>().note, 'read later', 'tags alone leave the note');
    const cleared = await save(who, id, { note: null });
    assert.equal(cleared.json<Item>().note, null);

    const rows = await database.db
      .selectFrom('saved_articles')
      .selectAll()
      .where('user_id', '=', who.user.id)
      .execute();
    assert.equal(rows.length, 1, 'one row however often it is saved');
  });

  it('answers 404 article_not_found for an unknown or non-numeric article id', async () => {
    const who = await signedInUser(t.deps, database.db);
    for (const id of ['999999999', 'abc', '0', '1e3']) {
      const res = await save(who, id, {});
      assert.equal(res.statusCode, 404, id);
      assert.equal(res.json().error.code, 'article_not_found');
    }
  });

  it('rejects bad notes and tags with a 400 naming the field', async () => {
    const who = await signedInUser(t.deps, database.db);
    const id = await newArticle();
    const cases: unknown[] = [
      { note: 'x'.repeat(10_001) },
      { tags: ['   '] },
      { tags: ['x'.repeat(51)] },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { tags: 'climate' },
      { colour: 'red' },
    ];
    for (const payload of cases) {
      const res = await save(who, id, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    assert.equal((await list(who)).json().items.length, 0, 'nothing was saved');
  });

  it('unsaves with 204, and a second unsave is 404 saved_article_not_found', async () => {
    const who = await signedInUser(t.deps, database.db);
    const id = await newArticle();
    await save(who, id);
    const del = () =>
      t.app.inject({ method: 'DELETE', url: `/v1/saved/${id}`, headers: who.headers });
    assert.equal((await del()).statusCode, 204);
    const again = await del();
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'saved_article_not_found');
    assert.equal((await list(who)).json().items.length, 0);
  });

  it('lists newest saved first and pages with a keyset cursor, never repeating or skipping', async () => {
    const who = await signedInUser(t.deps, database.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await newArticle();
      ids.push(id);
      await save(who, id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const res = await list(who, query);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json<{ items: Item[]; nextCursor: string | null }>();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i) => i.article.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(seen, [...ids].reverse());
  });

  it('answers 400 for a cursor it did not issue', async () => {
    const who = await signedInUser(t.deps, database.db);
    for (const cursor of ['garbage', Buffer.from('["x","1"]').toString('base64url')]) {
      const res = await list(who, `cursor=${cursor}`);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('filters by tag (case-insensitively) and by full text within the saved articles only', async () => {
    const who = await signedInUser(t.deps, database.db);
    const word = `zq${Date.now().toString(36)}`;
    const glacier = await newArticle(`Glacier ${word} retreats`);
    const budget = await newArticle('Budget vote tonight');
    await newArticle(`Unsaved ${word} story`);
    await save(who, glacier, { tags: ['climate'] });
    await save(who, budget, { tags: ['politics'] });

    const byTag = await list(who, 'tag=Climate');
    assert.deepEqual(
      byTag.json<{ items: Item[] }>().items.map((i) => i.article.id),
      [glacier],
    );
    const byText = await list(who, `q=${word}`);
    assert.deepEqual(
      byText.json<{ items: Item[] }>().items.map((i) => i.article.id),
      [glacier],
      'the unsaved match is not listed',
    );
    const both = await list(who, `q=${encodeURIComponent('budget vote')}&tag=climate`);
    assert.equal(both.json<{ items: Item[] }>().items.length, 0);
    const injection = await list(who, `q=${encodeURIComponent("'); drop table articles; --")}`);
    assert.equal(injection.statusCode, 200, 'q is a parameter, never SQL');
  });

  it('works with an API key (no CSRF) and refuses anonymous callers', async () => {
    const who = await signedInUser(t.deps, database.db);
    const key = await apiKeyFor(t.deps, who.user);
    const id = await newArticle();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/saved/${id}`,
      headers: { authorization: `Bearer ${key}` },
      payload: { tags: ['api'] },
    });
    assert.equal(res.statusCode, 201, res.body);
    const anonymous = await t.app.inject({ url: '/v1/saved' });
    assert.equal(anonymous.statusCode, 401);
  });
});
