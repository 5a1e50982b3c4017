import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS, upstreamCalls } from '../../test/search-env.js';
import { createSearchKeys } from './search-params.js';
import type { ResultsEntry } from './search-results.js';

interface Body {
  results: { title: string; sentiment: { label: string; score: number } | null }[];
  total: number;
  partial: boolean;
}

// A fresh instance of its own: search.int.test.ts leaves providers failing, and partial sets
// expire in a second.
describe('GET /v1/search headline sentiment', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url, ...RELAXED_PROVIDER_LIMITS });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });
  const get = (query: string) => t.app.inject({ url: `/v1/search?${query}` });
  const published = async (key: string) => {
    for (const giveUpAt = Date.now() + 5000; Date.now() < giveUpAt;) {
      const entry = await t.deps.cache.get<ResultsEntry>(key);
      if (entry !== undefined) return entry;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return undefined;
  };

  it('is given to every result, on the page that missed, in the cached set and on pages drawn from it', async () => {
    const first = (await get('q=energy&limit=5')).json<Body>();
    assert.equal(first.partial, false);
    assert.equal(first.results.length, 5);
    assert.ok(first.results.every((r) => r.sentiment !== null));
    // The miss rendered five; the set other instances read is analysed in full once published
    // (after the response, in slices: a few turns of the event loop later).
    const providers = ['guardian', 'newsapi', 'reddit'];
    const { key } = createSearchKeys(
      providers,
      providers,
    )({ q: 'energy', sort: 'relevance', limit: 5 });
    const cached = await published(key);
    if (cached === undefined) assert.fail('the fetched set is cached within 5 s');
    assert.equal(cached.results.length, first.total);
    assert.deepEqual(
      cached.results.filter((r) => r.sentiment === null).map((r) => r.title),
      [],
    );
    const calls = await upstreamCalls(t);
    for (const query of ['q=energy&limit=100', 'q=energy&limit=100&sort=-sentiment']) {
      const res = await get(query);
      assert.equal(res.headers['x-cache'], 'HIT', query);
      const { results, total } = res.json<Body>();
      assert.equal(results.length, Math.min(100, total));
      const missing = results.filter((r) => r.sentiment === null).map((r) => r.title);
      assert.deepEqual(missing, [], query);
    }
    assert.deepEqual(await upstreamCalls(t), calls, 'both pages come from the fetched set');
  });
});
