import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS, upstreamCalls } from '../../test/search-env.js';
import { signedInUser, type SignedIn } from '../../test/users.js';

interface Body {
  results: { outlets: string[]; providers: string[] }[];
  total: number;
  providers: { provider: string; status: string }[];
}

describe('GET /v1/search with the caller’s preferences', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({
      DATABASE_URL: database.url,
      ...RELAXED_PROVIDER_LIMITS,
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  const setPrefs = async (who: SignedIn, prefs: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/v1/preferences',
      headers: who.headers,
      payload: prefs,
    });
    assert.equal(res.statusCode, 200, res.body);
  };
  const search = (who: SignedIn | null, query: string) =>
    t.app.inject({
      url: `/v1/search?${query}`,
      headers: who === null ? {} : { cookie: who.cookie },
    });

  it('asks only the preferred providers for a page of the preferred size when the request names neither', async () => {
    const who = await signedInUser(t.deps, database.db);
    await setPrefs(who, { default_providers: ['guardian'], results_per_page: 5 });
    const before = await upstreamCalls(t);
    const res = await search(who, 'q=climate');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<Body>();
    assert.deepEqual(
      body.providers.map((p) => p.provider),
      ['guardian'],
    );
    assert.ok(body.results.length > 0 && body.results.length <= 5, `${body.results.length}`);
    assert.ok(body.results.every((r) => r.providers.includes('guardian')));
    const afterCalls = await upstreamCalls(t);
    assert.equal(afterCalls.guardian! - before.guardian!, 1);
    assert.equal(afterCalls.newsapi, before.newsapi, 'NewsAPI not asked');
    assert.equal(afterCalls.reddit, before.reddit, 'Reddit not asked');
  });

  it('lets the request’s own parameters win over the preferences', async () => {
    const who = await signedInUser(t.deps, database.db);
    await setPrefs(who, { default_providers: ['guardian'], results_per_page: 5 });
    const res = await search(who, 'q=climate&providers=newsapi&limit=7');
    const body = res.json<Body>();
    assert.deepEqual(
      body.providers.map((p) => p.provider),
      ['newsapi'],
    );
    assert.ok(body.results.length > 5 && body.results.length <= 7, `${body.results.length}`);
  });

  it('removes stories from excluded outlets, and leaves everyone else’s cached bytes alone', async () => {
    const who = await signedInUser(t.deps, database.db);
    const query = 'q=election&providers=guardian,newsapi&limit=50';
    const anonymous = await search(null, query);
    const outlets = anonymous.json<Body>().results.flatMap((r) => r.outlets);
    const excluded = outlets[0];
    assert.ok(excluded !== undefined, 'the sandbox names outlets');
    await setPrefs(who, { excluded_outlets: [excluded.toUpperCase()] });

    const personal = await search(who, query);
    assert.equal(personal.statusCode, 200);
    const kept = personal.json<Body>().results;
    assert.ok(kept.length > 0, 'other outlets remain');
    assert.ok(kept.every((r) => !r.outlets.includes(excluded)));
    assert.ok(kept.length < anonymous.json<Body>().results.length);

    const again = await search(null, query);
    assert.equal(again.headers['x-cache'], 'HIT');
    assert.equal(again.body, anonymous.body, 'anonymous callers get the cached bytes as-is');
    const plain = await signedInUser(t.deps, database.db);
    const noPrefs = await search(plain, query);
    assert.equal(noPrefs.body, anonymous.body, 'so do users without such preferences');
  });
});
