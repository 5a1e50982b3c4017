import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { entityIds, insertFixtureArticles } from './insights.test-support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Bucket {
  start: string;
  articles: number;
  providers: Record<string, number>;
  sentiment: { analysed: number; mean: number | null; stddev: number | null };
}

describe('GET /v1/insights', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `ins${Date.now().toString(36)}`;
  const at = (day: number, hour: number) => new Date(Date.UTC(2026, 2, day, hour));
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, ENRICHMENT_IN_API: 'false' });
    await insertFixtureArticles(database.db, [
      { title: `${tag} one`, publishedAt: at(1, 9), providers: ['newsapi'], score: 0.5 },
      {
        title: `${tag} two`,
        publishedAt: at(1, 15),
        providers: ['newsapi', 'guardian'],
        score: -0.5,
      },
      { title: `${tag} three`, publishedAt: at(1, 20), providers: ['guardian'] },
      {
        title: `${tag} four`,
        publishedAt: at(3, 8),
        providers: ['reddit'],
        score: 0,
        label: 'unsupported',
      },
      { title: `${tag} five`, publishedAt: at(3, 9), providers: ['reddit'], score: 0.8 },
      { title: 'unrelated', publishedAt: at(1, 10), providers: ['newsapi'], score: 1 },
    ]);
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  describe('trends', () => {
    it('counts articles, providers and the sentiment of analysed articles per day', async () => {
      const res = await t.app.inject({
        url: `/v1/insights/trends?q=${tag}&from=2026-03-01&to=2026-03-03&interval=day`,
      });
      assert.equal(res.statusCode, 200);
      const body = res.json<{ buckets: Bucket[]; from: string; to: string }>();
      assert.equal(body.from, '2026-03-01T00:00:00.000Z');
      assert.equal(body.to, '2026-03-04T00:00:00.000Z');
      const [first, second, third] = body.buckets;
      assert.equal(body.buckets.length, 3);
      assert.equal(first?.start, '2026-03-01T00:00:00.000Z');
      assert.equal(first?.articles, 3);
      assert.deepEqual(first?.providers, { guardian: 2, newsapi: 2 });
      assert.equal(first?.sentiment.analysed, 2);
      assert.equal(first?.sentiment.mean, 0);
      assert.ok(Math.abs((first?.sentiment.stddev ?? 0) - Math.SQRT1_2) < 1e-6);
      assert.deepEqual(second, {
        start: '2026-03-02T00:00:00.000Z',
        articles: 0,
        providers: {},
        sentiment: { analysed: 0, mean: null, stddev: null },
      });
      // The unsupported article counts as an article but not towards sentiment.
      assert.equal(third?.articles, 2);
      assert.equal(third?.sentiment.analysed, 1);
      assert.ok(Math.abs((third?.sentiment.mean ?? 0) - 0.8) < 1e-6);
      assert.equal(third?.sentiment.stddev, null);
    });

    it('buckets by hour, and counts every article without q', async () => {
      const res = await t.app.inject({
        url: '/v1/insights/trends?from=2026-03-01T09:00:00Z&to=2026-03-01T10:59:59Z&interval=hour',
      });
      const body = res.json<{ buckets: Bucket[] }>();
      assert.deepEqual(
        body.buckets.map((b) => [b.start, b.articles]),
        [
          ['2026-03-01T09:00:00.000Z', 1],
          ['2026-03-01T10:00:00.000Z', 1],
        ],
      );
    });
  });

  describe('bad input', () => {
    for (const [name, url] of [
      ['reversed dates', '/v1/insights/trends?from=2026-03-05&to=2026-03-01'],
      ['more than 400 days', '/v1/insights/trends?from=2024-01-01&to=2026-03-01'],
      ['more than 400 hours', '/v1/insights/trends?from=2026-01-01&to=2026-03-01&interval=hour'],
      ['an unknown interval', '/v1/insights/trends?interval=week'],
      ['a q without words', '/v1/insights/trends?q=%21%21'],
      ['a q of stop words only', '/v1/insights/trends?q=the'],
      ['an unknown kind', '/v1/insights/entities?kind=animal'],
      ['an entity period over 400 days', '/v1/insights/entities?from=2024-01-01&to=2026-03-01'],
      ['a limit over 100', '/v1/insights/entities?limit=1000'],
      ['an impossible date', '/v1/insights/entities?from=2026-02-30'],
      ['a window in years', '/v1/insights/trending?window=2y'],
      ['a window over 30 days', '/v1/insights/trending?window=31d'],
      ['an unknown parameter', '/v1/insights/trending?since=yesterday'],
    ] as const) {
      it(`answers 400 for ${name}`, async () => {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'validation_failed');
      });
    }
  });
});

describe('GET /v1/insights/entities and /v1/insights/trending', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `ent${Date.now().toString(36)}`;
  // Relative to now: trending looks back from the current time.
  const now = Date.now();
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, ENRICHMENT_IN_API: 'false' });
    const recent = (i: number) => new Date(now - HOUR * (i + 1));
    const daysAgo = (d: number) => new Date(now - DAY * d - HOUR);
    const spike = Array.from({ length: 6 }, (_, i) => ({
      title: `${tag} spike ${i}`,
      publishedAt: recent(i),
      score: 0.1,
      entities: [['person', `Spiky ${tag}`, 2]] as [['person', string, number]],
    }));
    // One article a day for the 7 days before: a baseline of 1.
    const spikeBaseline = Array.from({ length: 7 }, (_, d) => ({
      title: `${tag} spike before ${d}`,
      publishedAt: daysAgo(d + 1),
      score: 0.1,
      entities: [['person', `Spiky ${tag}`]] as [['person', string]],
    }));
    // Four a day, every day: steady, ratio 1.
    const steady = Array.from({ length: 32 }, (_, i) => ({
      title: `${tag} steady ${i}`,
      publishedAt: i < 4 ? recent(i) : daysAgo(Math.floor(i / 4)),
      score: 0.1,
      entities: [
        ['organisation', `Steady ${tag}`],
        ['place', `Somewhere ${tag}`],
      ] as ['organisation' | 'place', string][],
    }));
    // Two recent articles only: under the minimum of three.
    const rare = Array.from({ length: 2 }, (_, i) => ({
      title: `${tag} rare ${i}`,
      publishedAt: recent(i),
      score: 0.1,
      entities: [['place', `Rare ${tag}`]] as [['place', string]],
    }));
    await insertFixtureArticles(database.db, [...spike, ...spikeBaseline, ...steady, ...rare]);
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('ranks the entities the matching articles name most, with mention counts', async () => {
    const res = await t.app.inject({ url: `/v1/insights/entities?q=${tag}&limit=2` });
    assert.equal(res.statusCode, 200);
    const ids = await entityIds(database.db);
    const { entities } = res.json<{ entities: unknown[] }>();
    // Steady and Somewhere: 32 articles each; Spiky: 13 articles, 19 mentions.
    assert.equal(entities.length, 2);
    assert.deepEqual(
      new Set(entities.map((e) => (e as { name: string }).name)),
      new Set([`Steady ${tag}`, `Somewhere ${tag}`]),
    );
    const people = await t.app.inject({ url: `/v1/insights/entities?q=${tag}&kind=person` });
    assert.deepEqual(people.json<{ entities: unknown[] }>().entities, [
      {
        id: ids.get(`Spiky ${tag}`),
        kind: 'person',
        name: `Spiky ${tag}`,
        articles: 13,
        mentions: 19,
      },
    ]);
    const spikeOnly = await t.app.inject({ url: `/v1/insights/entities?q=spike&kind=place` });
    assert.deepEqual(spikeOnly.json<{ entities: unknown[] }>().entities, []);
  });

  it('lists the entity whose coverage spiked above the steady one, and leaves out rare ones', async () => {
    const res = await t.app.inject({ url: '/v1/insights/trending?window=24h&limit=10' });
    assert.equal(res.statusCode, 200);
    const { entities } = res.json<{
      entities: { name: string; recent: number; baseline: number; ratio: number }[];
    }>();
    const names = entities.map((e) => e.name);
    assert.equal(names[0], `Spiky ${tag}`);
    assert.deepEqual(entities[0], {
      ...entities[0],
      recent: 6,
      baseline: 1,
      ratio: 3.5,
    });
    const steady = entities.find((e) => e.name === `Steady ${tag}`);
    assert.equal(steady?.recent, 4);
    assert.equal(steady?.baseline, 4);
    assert.equal(steady?.ratio, 1);
    assert.ok(!names.includes(`Rare ${tag}`));

    const places = await t.app.inject({ url: '/v1/insights/trending?kind=place&minArticles=2' });
    assert.deepEqual(
      places.json<{ entities: { name: string }[] }>().entities.map((e) => e.name),
      [`Rare ${tag}`, `Somewhere ${tag}`],
    );
  });
});
