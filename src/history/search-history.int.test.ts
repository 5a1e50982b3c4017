import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';
import { apiKeyFor, createTestUser, signedInUser, type SignedIn } from '../../test/users.js';
import { upsertArticle } from '../articles/article.repository.js';
import { insertHistoryEntry, listHistory } from './search-history.repository.js';

interface Entry {
  id: string;
  query: string;
  params: Record<string, unknown>;
  resultCount: number;
  searchedAt: string;
}

describe('search history (/v1/history)', () => {
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

  /** Every entry the user has, read back from the table once recording has finished. */
  const rowsOf = async (userId: string) => {
    await t.deps.services.history.drain();
    return database.db
      .selectFrom('search_history')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  };
  const listed = async (who: SignedIn, query = '') => {
    await t.deps.services.history.drain();
    const res = await t.app.inject({
      url: `/v1/history?${query}`,
      headers: { cookie: who.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ entries: Entry[]; nextCursor: string | null }>();
  };

  it('records a signed-in search with its canonical parameters and result count', async () => {
    const who = await signedInUser(t.deps, database.db);
    const res = await t.app.inject({
      url: '/v1/search?q=%20Climate%20%20policy&providers=reddit,Guardian,reddit&language=EN',
      headers: { cookie: who.cookie },
    });
    assert.equal(res.statusCode, 200, res.body);
    const { entries } = await listed(who);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.query, 'Climate policy');
    assert.deepEqual(entries[0]?.params, {
      endpoint: 'search',
      providers: ['guardian', 'reddit'],
      language: 'en',
      sort: 'relevance',
    });
    assert.equal(entries[0]?.resultCount, res.json().total);
  });

  it('records API-key searches and store searches with q, but not anonymous ones or plain listings', async () => {
    const user = await createTestUser(database.db);
    const key = await apiKeyFor(t.deps, user);
    const bearer = { authorization: `Bearer ${key}` };
    const before = await database.db
      .selectFrom('search_history')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const anon = await t.app.inject({ url: '/v1/search?q=energy&providers=newsapi' });
    assert.equal(anon.statusCode, 200);
    await t.app.inject({ url: '/v1/articles?q=energy' });
    const keyed = await t.app.inject({
      url: '/v1/search?q=energy&providers=newsapi',
      headers: bearer,
    });
    assert.equal(keyed.statusCode, 200);
    await upsertArticle(database.db, articleDraft({ title: 'Energy prices fall' }));
    const store = await t.app.inject({ url: '/v1/articles?q=energy%20prices', headers: bearer });
    assert.equal(store.statusCode, 200);
    await t.app.inject({ url: '/v1/articles', headers: bearer });

    const rows = await rowsOf(user.id);
    assert.deepEqual(
      rows.map((r) => [r.query, r.params.endpoint]),
      [
        ['energy', 'search'],
        ['energy prices', 'articles'],
      ],
    );
    const after = await database.db
      .selectFrom('search_history')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n) - Number(before.n), 2, 'the anonymous searches left no rows');
  });

  it('does not record a later page of the same search', async () => {
    const who = await signedInUser(t.deps, database.db);
    const first = await t.app.inject({
      url: '/v1/search?q=economy&limit=2',
      headers: { cookie: who.cookie },
    });
    const cursor = first.json().nextCursor as string;
    const second = await t.app.inject({
      url: `/v1/search?q=economy&limit=2&cursor=${cursor}`,
      headers: { cookie: who.cookie },
    });
    assert.equal(second.statusCode, 200);
    assert.equal((await rowsOf(who.user.id)).length, 1);
  });

  it('stops recording when history_enabled is false', async () => {
    const who = await signedInUser(t.deps, database.db);
    const off = await t.app.inject({
      method: 'PUT',
      url: '/v1/preferences/history_enabled',
      headers: who.headers,
      payload: { value: false },
    });
    assert.equal(off.statusCode, 200);
    const res = await t.app.inject({ url: '/v1/search?q=health', headers: { cookie: who.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal((await rowsOf(who.user.id)).length, 0);
  });

  it('lists newest first with a cursor, deletes one entry, and clears the rest', async () => {
    const who = await signedInUser(t.deps, database.db);
    const now = new Date();
    for (let i = 0; i < 3; i += 1) {
      await insertHistoryEntry(
        database.db,
        who.user.id,
        { query: `q${i}`, params: {}, resultCount: i },
        now,
        1000,
      );
    }
    const page1 = await listed(who, 'limit=2');
    assert.deepEqual(
      page1.entries.map((e) => e.query),
      ['q2', 'q1'],
      'same timestamp: newest id first',
    );
    const page2 = await listed(who, `limit=2&cursor=${page1.nextCursor ?? ''}`);
    assert.deepEqual(
      page2.entries.map((e) => e.query),
      ['q0'],
    );
    assert.equal(page2.nextCursor, null);

    const target = page1.entries[0]!.id;
    const del = (url: string) => t.app.inject({ method: 'DELETE', url, headers: who.headers });
    assert.equal((await del(`/v1/history/${target}`)).statusCode, 204);
    const again = await del(`/v1/history/${target}`);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.code, 'history_entry_not_found');
    assert.equal((await del('/v1/history/not-a-number')).statusCode, 404);
    assert.deepEqual(
      (await listed(who)).entries.map((e) => e.query),
      ['q1', 'q0'],
    );
    assert.equal((await del('/v1/history')).statusCode, 204);
    assert.equal((await listed(who)).entries.length, 0);
  });

  it('answers 400 for a cursor it did not issue', async () => {
    const who = await signedInUser(t.deps, database.db);
    const res = await t.app.inject({
      url: '/v1/history?cursor=nonsense',
      headers: { cookie: who.cookie },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });

  it('keeps only the newest entries per user', async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 12, minute));
    await insertHistoryEntry(
      database.db,
      other.id,
      { query: 'other', params: {}, resultCount: 0 },
      at(0),
      3,
    );
    for (let i = 0; i < 5; i += 1) {
      await insertHistoryEntry(
        database.db,
        user.id,
        { query: `q${i}`, params: {}, resultCount: 0 },
        at(i),
        3,
      );
    }
    const { entries } = await listHistory(database.db, user.id, 10, undefined);
    assert.deepEqual(
      entries.map((e) => e.query),
      ['q4', 'q3', 'q2'],
    );
    const others = await listHistory(database.db, other.id, 10, undefined);
    assert.equal(others.entries.length, 1, 'another user’s entries are untouched');
  });

  it('counts a failed recording (and logs it) instead of throwing', async () => {
    const metric = () =>
      t.deps.metrics.registry.getSingleMetricAsString('newsroom_search_history_failures_total');
    const count = async () => Number(/ (\d+)$/m.exec(await metric())?.[1] ?? 0);
    const before = await count();
    // No such user: the insert violates the foreign key.
    t.deps.services.history.record('999999999', { query: 'x', params: {}, resultCount: 0 });
    await t.deps.services.history.drain();
    assert.equal(await count(), before + 1);
  });
});
