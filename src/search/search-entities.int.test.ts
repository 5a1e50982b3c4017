import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';

interface Entity {
  kind: string;
  name: string;
  id: string;
}

interface Body {
  results: { articleId: string | null; canonicalUrl: string; entities: Entity[] | null }[];
}

describe('GET /v1/search: entities of stories the store has analysed', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      ...RELAXED_PROVIDER_LIMITS,
      SEARCH_CACHE_TTL_SECONDS: '1',
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });
  const search = async () => {
    const res = await t.app.inject({ url: '/v1/search?q=election&providers=guardian,newsapi' });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Body>().results;
  };

  it('says null for stories not analysed yet, and what enrichment found once it has run', async () => {
    const first = await search();
    assert.ok(first.length > 0);
    // Nothing was stored before this search, so nothing can have been analysed.
    assert.ok(first.every((r) => r.entities === null));

    await t.deps.enrichment.queue.drain();
    await sleep(1100); // the cached result set expires; the next search fetches again
    const second = await search();
    const known = second.filter((r) => r.entities !== null);
    assert.ok(known.length > 0, 'every story the first search stored has been enriched since');
    assert.ok(
      known.some((r) => (r.entities ?? []).length > 0),
      'election news names people, places or organisations',
    );
    // The same entities, in the same order, as the stored article's detail.
    for (const result of known.slice(0, 5)) {
      const detail = await t.app.inject({ url: `/v1/articles/${result.articleId ?? ''}` });
      assert.equal(detail.statusCode, 200, detail.body);
      assert.deepEqual(result.entities, detail.json<{ entities: Entity[] }>().entities);
    }
  });
});
