import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { entityIds, insertFixtureArticles } from '../insights/insights.test-support.js';

interface Listed {
  id: string;
  sentiment: { score: number; label: string } | null;
  entities: { kind: string; name: string; id: string }[];
}

interface Page {
  articles: Listed[];
  nextCursor: string | null;
  sort: string;
}

/** Sentiment and entities on GET /v1/articles and /v1/articles/:id, filter and sort. */
describe('enrichment in the article API', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `sen${Date.now().toString(36)}`;
  let ids: string[] = [];
  const scores = [0.9, 0.5, 0, -0.25, -0.75];
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, ENRICHMENT_IN_API: 'false' });
    ids = await insertFixtureArticles(database.db, [
      ...scores.map((score, i) => ({
        title: `${tag} story ${i}`,
        publishedAt: new Date(Date.UTC(2026, 5, 1, i)),
        score,
        entities:
          i === 0
            ? ([
                ['person', `Ada ${tag}`, 1],
                ['place', `Lyon ${tag}`, 3],
              ] as ['person' | 'place', string, number][])
            : [],
      })),
      { title: `${tag} not analysed`, publishedAt: new Date(Date.UTC(2026, 5, 1, 9)) },
    ]);
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  const list = async (query: string): Promise<Page> => {
    const res = await t.app.inject({ url: `/v1/articles?q=${tag}&${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Page>();
  };

  /** Every page of a listing, following nextCursor. */
  const all = async (query: string): Promise<Listed[]> => {
    const found: Listed[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await list(`${query}${suffix}`);
      found.push(...page.articles);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return found;
  };

  it('shows sentiment and entities (most mentioned first) on an article', async () => {
    const res = await t.app.inject({ url: `/v1/articles/${ids[0]}` });
    assert.equal(res.statusCode, 200);
    const entity = await entityIds(database.db);
    const body = res.json<Listed>();
    assert.deepEqual(body.sentiment, { score: 0.9, label: 'positive' });
    assert.deepEqual(body.entities, [
      { kind: 'place', name: `Lyon ${tag}`, id: entity.get(`Lyon ${tag}`) },
      { kind: 'person', name: `Ada ${tag}`, id: entity.get(`Ada ${tag}`) },
    ]);
  });

  it('shows null sentiment and no entities until an article is analysed', async () => {
    const res = await t.app.inject({ url: `/v1/articles/${ids[5]}` });
    assert.equal(res.json<Listed>().sentiment, null);
    assert.deepEqual(res.json<Listed>().entities, []);
    const page = await list('sort=recency');
    assert.equal(page.articles.length, 6);
    assert.equal(page.articles[0]?.id, ids[5]);
    assert.equal(page.articles[0]?.sentiment, null);
    assert.deepEqual(page.articles[5]?.sentiment, { score: 0.9, label: 'positive' });
  });

  it('filters by sentiment and pages through the filtered listing', async () => {
    const negative = await all('sentiment=negative&limit=1');
    assert.deepEqual(
      negative.map((a) => a.id),
      [ids[4], ids[3]],
    );
    const neutral = await list('sentiment=neutral');
    assert.deepEqual(
      neutral.articles.map((a) => a.id),
      [ids[2]],
    );
  });

  it('sorts by sentiment, most positive first (sentiment) or most negative (-sentiment), over pages', async () => {
    const positiveFirst = await all('sort=sentiment&limit=2');
    assert.deepEqual(
      positiveFirst.map((a) => a.id),
      ids.slice(0, 5),
    );
    const negativeFirst = await all('sort=-sentiment&limit=3');
    assert.deepEqual(
      negativeFirst.map((a) => a.id),
      ids.slice(0, 5).reverse(),
    );
    const noQuery = await t.app.inject({ url: '/v1/articles?sort=sentiment&sentiment=positive' });
    assert.deepEqual(
      noQuery.json<Page>().articles.map((a) => a.id),
      [ids[0], ids[1]],
    );
    assert.equal(noQuery.json<Page>().sort, 'sentiment');
  });

  it('refuses an unknown sentiment and a cursor from another sort', async () => {
    const bad = await t.app.inject({ url: `/v1/articles?sentiment=angry` });
    assert.equal(bad.statusCode, 400);
    const page = await list('sort=sentiment&limit=1');
    const replay = await t.app.inject({
      url: `/v1/articles?q=${tag}&sort=-sentiment&cursor=${encodeURIComponent(page.nextCursor ?? '')}`,
    });
    assert.equal(replay.statusCode, 400);
  });
});
