import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { upsertArticle } from './article.repository.js';

describe('GET /v1/articles', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `rt${Date.now().toString(36)}`;
  const ids: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url });
    for (let hour = 0; hour < 3; hour += 1) {
      ids.push(
        await upsertArticle(
          database.db,
          articleDraft({
            title: `${tag} budget vote ${hour}`,
            publishedAt: new Date(Date.UTC(2026, 10, 1, hour)),
          }),
        ),
      );
    }
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('lists matching articles newest first and pages through them with nextCursor', async () => {
    const first = await t.app.inject({ url: `/v1/articles?q=${tag}&limit=2` });
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.deepEqual(
      page1.articles.map((a: { id: string }) => a.id),
      [ids[2], ids[1]],
    );
    assert.equal(page1.articles[0].publishedAt, '2026-11-01T02:00:00.000Z');
    assert.equal(page1.articles[0].sources[0].provider, 'newsapi');
    const second = await t.app.inject({
      url: `/v1/articles?q=${tag}&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
    });
    const page2 = second.json();
    assert.deepEqual(
      page2.articles.map((a: { id: string }) => a.id),
      [ids[0]],
    );
    assert.equal(page2.nextCursor, null);
  });

  it('treats tsquery metacharacters in q as text, not syntax', async () => {
    for (const q of ["budget & | ! ( ) :* '", 'vote <-> budget', "'; drop table articles; --"]) {
      const res = await t.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
    }
    const stillThere = await t.app.inject({ url: `/v1/articles?q=${tag}` });
    assert.equal(stillThere.json().articles.length, 3);
  });

  it('rejects a cursor it did not issue with 400', async () => {
    const res = await t.app.inject({ url: '/v1/articles?cursor=not-a-cursor' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });
});

describe('GET /v1/articles/:id', () => {
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

  it('returns the article with every source', async () => {
    const draft = articleDraft({ title: 'Port strike ends' });
    const id = await upsertArticle(database.db, draft);
    await upsertArticle(database.db, {
      ...draft,
      source: { ...draft.source, provider: 'guardian', providerId: 'world/strike' },
    });
    const res = await t.app.inject({ url: `/v1/articles/${id}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().title, 'Port strike ends');
    assert.equal(res.json().sources.length, 2);
  });

  it('answers 404 article_not_found for an id that does not exist', async () => {
    const res = await t.app.inject({ url: '/v1/articles/999999999' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'article_not_found');
  });

  it('rejects ids that are not ids with 400, including traversal and overflow', async () => {
    for (const id of ['abc', '..%2F..%2Fetc%2Fpasswd', '0', '99999999999999999999999', '-1']) {
      const res = await t.app.inject({ url: `/v1/articles/${id}` });
      assert.equal(res.statusCode, 400, id);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });
});
