import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { apiKeyFor, signedInUser, type SignedIn } from '../../test/users.js';

interface State {
  value: unknown;
  default: unknown;
  set: boolean;
  updatedAt: string | null;
}

describe('preferences (/v1/preferences)', () => {
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

  const all = async (who: SignedIn) => {
    const res = await t.app.inject({ url: '/v1/preferences', headers: { cookie: who.cookie } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ preferences: Record<string, State> }>().preferences;
  };
  const put = (who: SignedIn, key: string, payload: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `/v1/preferences/${key}`,
      headers: who.headers,
      payload: payload as object,
    });
  const patch = (who: SignedIn, payload: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: '/v1/preferences',
      headers: who.headers,
      payload: payload as object,
    });

  it('lists every key with its default, unset, for a new user', async () => {
    const prefs = await all(await signedInUser(t.deps, database.db));
    assert.deepEqual(Object.keys(prefs), [
      'default_providers',
      'language',
      'excluded_outlets',
      'results_per_page',
      'history_enabled',
      'theme',
    ]);
    assert.deepEqual(prefs.theme, {
      value: 'system',
      default: 'system',
      set: false,
      updatedAt: null,
    });
    assert.deepEqual(prefs.default_providers?.value, ['guardian', 'newsapi', 'reddit']);
    assert.equal(prefs.results_per_page?.value, 20);
    assert.equal(prefs.history_enabled?.value, true);
    assert.equal(prefs.language?.value, null);
  });

  it('sets one key with PUT, shows it as set, and DELETE puts the default back (204)', async () => {
    const who = await signedInUser(t.deps, database.db);
    const res = await put(who, 'results_per_page', { value: 5 });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().key, 'results_per_page');
    assert.equal(res.json().value, 5);
    assert.equal(res.json().set, true);
    assert.equal((await all(who)).results_per_page?.value, 5);

    const del = await t.app.inject({
      method: 'DELETE',
      url: '/v1/preferences/results_per_page',
      headers: who.headers,
    });
    assert.equal(del.statusCode, 204);
    const after = (await all(who)).results_per_page;
    assert.equal(after?.value, 20);
    assert.equal(after?.set, false);
  });

  it('answers 400 unknown_preference and invalid_preference naming the key, storing nothing', async () => {
    const who = await signedInUser(t.deps, database.db);
    const unknown = await put(who, 'colour', { value: 'red' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'unknown_preference');
    const deleteUnknown = await t.app.inject({
      method: 'DELETE',
      url: '/v1/preferences/colour',
      headers: who.headers,
    });
    assert.equal(deleteUnknown.json().error.code, 'unknown_preference');
    const wrong = await put(who, 'results_per_page', { value: 101 });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.code, 'invalid_preference');
    assert.match(wrong.json().error.message, /results_per_page/);
    const noValue = await put(who, 'theme', {});
    assert.equal(noValue.statusCode, 400);
    assert.equal(noValue.json().error.code, 'validation_failed');
    const rows = await database.db
      .selectFrom('preferences')
      .selectAll()
      .where('user_id', '=', who.user.id)
      .execute();
    assert.equal(rows.length, 0);
  });

  it('PATCH stores every key or none', async () => {
    const who = await signedInUser(t.deps, database.db);
    const ok = await patch(who, { theme: 'dark', language: 'FR', history_enabled: false });
    assert.equal(ok.statusCode, 200, ok.body);
    const prefs = ok.json<{ preferences: Record<string, State> }>().preferences;
    assert.equal(prefs.theme?.value, 'dark');
    assert.equal(prefs.language?.value, 'fr');
    assert.equal(prefs.history_enabled?.value, false);

    const halfBad = await patch(who, { theme: 'light', results_per_page: 0 });
    assert.equal(halfBad.statusCode, 400);
    assert.equal(halfBad.json().error.code, 'invalid_preference');
    const halfUnknown = await patch(who, { theme: 'light', colour: 'red' });
    assert.equal(halfUnknown.json().error.code, 'unknown_preference');
    const unchanged = await all(who);
    assert.equal(unchanged.theme?.value, 'dark', 'the valid half was not stored either');
    assert.equal(unchanged.results_per_page?.set, false);

    const empty = await patch(who, {});
    assert.equal(empty.statusCode, 400);
  });

  it('works with an API key, and refuses anonymous callers', async () => {
    const who = await signedInUser(t.deps, database.db);
    const key = await apiKeyFor(t.deps, who.user);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/preferences/theme',
      headers: { authorization: `Bearer ${key}` },
      payload: { value: 'light' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await all(who)).theme?.value, 'light');
    assert.equal((await t.app.inject({ url: '/v1/preferences' })).statusCode, 401);
  });
});
