import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signedInUser, type SignedIn } from '../../test/users.js';
import { MAX_LIVE_API_KEYS } from './api-key.service.js';

interface ListedKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe('/v1/api-keys', () => {
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

  const create = (browser: SignedIn, name: unknown = 'my script') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: browser.headers,
      payload: { name },
    });
  const list = (browser: SignedIn) =>
    t.app.inject({ url: '/v1/api-keys', headers: { cookie: browser.cookie } });
  const revoke = (browser: SignedIn, id: string) =>
    t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: browser.headers });
  const withKey = (key: string, url = '/v1/api-keys', method: 'GET' | 'POST' = 'GET') =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
  const storedRow = (id: string) =>
    database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('creates a key shown once, stores only its SHA-256, and lists it without the key', async () => {
    const browser = await signedInUser(t.deps, database.db);
    const res = await create(browser, '  newsletter script  ');
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<ListedKey & { key: string }>();
    assert.match(created.key, /^nrk_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.name, 'newsletter script');
    assert.equal(created.prefix, created.key.slice(0, 12));
    assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
    assert.deepEqual(Object.keys(created).sort(), [
      'createdAt',
      'id',
      'key',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
    ]);

    const row = await storedRow(created.id);
    assert.deepEqual(row.key_hash, createHash('sha256').update(created.key).digest());
    assert.ok(!JSON.stringify(row).includes(created.key.slice(12)), 'the key is not stored');

    const listed = await list(browser);
    assert.equal(listed.statusCode, 200);
    assert.ok(!listed.body.includes(created.key.slice(12)), 'the list never holds the key');
    assert.ok(!listed.body.includes(row.key_hash.toString('hex')));
    const [only] = listed.json<{ apiKeys: ListedKey[] }>().apiKeys;
    assert.deepEqual(only, {
      id: created.id,
      name: 'newsletter script',
      prefix: created.prefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it('lists the caller’s keys newest first, with last use and revocation', async () => {
    const browser = await signedInUser(t.deps, database.db);
    const first = (await create(browser, 'first')).json<{ id: string; key: string }>();
    const second = (await create(browser, 'second')).json<{ id: string }>();
    assert.equal((await withKey(first.key, '/v1/providers')).statusCode, 200);
    assert.equal((await revoke(browser, second.id)).statusCode, 204);

    const keys = (await list(browser)).json<{ apiKeys: ListedKey[] }>().apiKeys;
    assert.deepEqual(
      keys.map((k) => [k.name, k.lastUsedAt !== null, k.revokedAt !== null]),
      [
        ['second', false, true],
        ['first', true, false],
      ],
    );
  });

  it('revokes a key so it fails at once with 401', async () => {
    const browser = await signedInUser(t.deps, database.db);
    const created = (await create(browser)).json<{ id: string; key: string }>();
    assert.equal((await withKey(created.key, '/v1/providers')).statusCode, 200);
    const res = await revoke(browser, created.id);
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    const after = await withKey(created.key, '/v1/providers');
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'unauthorized');
    assert.ok((await storedRow(created.id)).revoked_at instanceof Date);
  });

  it('lets no other user list, revoke or act with a user’s keys: their ids answer 404', async () => {
    const alice = await signedInUser(t.deps, database.db);
    const bob = await signedInUser(t.deps, database.db);
    const aliceKey = (await create(alice, 'alice key')).json<{ id: string; key: string }>();
    const bobKey = (await create(bob, 'bob key')).json<{ id: string }>();

    const bobList = (await list(bob)).json<{ apiKeys: ListedKey[] }>().apiKeys;
    assert.deepEqual(
      bobList.map((k) => k.id),
      [bobKey.id],
    );
    const stolen = await revoke(bob, aliceKey.id);
    assert.equal(stolen.statusCode, 404);
    assert.equal(stolen.json().error.code, 'api_key_not_found');
    assert.equal((await storedRow(aliceKey.id)).revoked_at, null);

    // Alice's key keeps acting as Alice, and cannot be used to manage anyone's keys.
    const asAlice = await withKey(aliceKey.key, `/v1/api-keys`);
    assert.equal(asAlice.statusCode, 403);
    const aliceStill = (await list(alice)).json<{ apiKeys: ListedKey[] }>().apiKeys;
    assert.deepEqual(
      aliceStill.map((k) => [k.id, k.revokedAt]),
      [[aliceKey.id, null]],
    );
  });

  it('answers 404 for unknown and non-numeric ids', async () => {
    const browser = await signedInUser(t.deps, database.db);
    for (const id of ['999999999', 'abc', '1e3', '-1', '99999999999999999999999']) {
      const res = await revoke(browser, id);
      assert.equal(res.statusCode, 404, id);
      assert.equal(res.json().error.code, 'api_key_not_found');
    }
  });

  it('refuses API keys (403) and anonymous callers (401) on every key endpoint', async () => {
    const browser = await signedInUser(t.deps, database.db);
    const created = (await create(browser)).json<{ id: string; key: string }>();
    const minted = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${created.key}` },
      payload: { name: 'minted by a key' },
    });
    assert.equal(minted.statusCode, 403);
    assert.equal(minted.json().error.code, 'forbidden');
    assert.equal((await withKey(created.key)).statusCode, 403);
    const revokedByKey = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${created.id}`,
      headers: { authorization: `Bearer ${created.key}` },
    });
    assert.equal(revokedByKey.statusCode, 403);
    assert.equal((await storedRow(created.id)).revoked_at, null);

    assert.equal((await t.app.inject({ url: '/v1/api-keys' })).statusCode, 401);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'x' },
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await list(browser)).json<{ apiKeys: unknown[] }>().apiKeys.length, 1);
  });

  it('requires the CSRF token for cookie-authenticated create and revoke', async () => {
    const browser = await signedInUser(t.deps, database.db);
    const created = (await create(browser)).json<{ id: string }>();
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { cookie: browser.cookie },
      payload: { name: 'forged' },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_failed');
    const forgedRevoke = await t.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${created.id}`,
      headers: { cookie: browser.cookie },
    });
    assert.equal(forgedRevoke.statusCode, 403);
    assert.equal(forgedRevoke.json().error.code, 'csrf_failed');
    const keys = (await list(browser)).json<{ apiKeys: ListedKey[] }>().apiKeys;
    assert.deepEqual(
      keys.map((k) => [k.id, k.revokedAt]),
      [[created.id, null]],
    );
  });

  it('rejects a blank, missing, too long or extra-field name with 400', async () => {
    const browser = await signedInUser(t.deps, database.db);
    for (const payload of [
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      {},
      { name: 'ok', scope: 'admin' },
      { name: 42 },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: browser.headers,
        payload,
      });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
    }
    assert.equal((await create(browser, 'x'.repeat(100))).statusCode, 201);
  });

  it(`caps live keys at ${MAX_LIVE_API_KEYS} (409) and keeps revoked history bounded`, async () => {
    const browser = await signedInUser(t.deps, database.db);
    const userId = browser.user.id;
    const ids: string[] = [];
    for (let i = 0; i < MAX_LIVE_API_KEYS; i += 1) {
      ids.push((await t.deps.services.apiKeys.create(userId, `key ${i}`)).id);
    }
    const over = await create(browser, 'one too many');
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().error.code, 'api_key_limit_reached');
    assert.equal((await revoke(browser, ids[0] ?? '')).statusCode, 204);
    assert.equal((await create(browser, 'room again')).statusCode, 201);

    // Creating and revoking in a loop does not grow the table without bound.
    await t.deps.services.apiKeys.revoke(userId, ids[1] ?? '');
    for (let i = 0; i < 40; i += 1) {
      const key = await t.deps.services.apiKeys.create(userId, `churn ${i}`);
      await t.deps.services.apiKeys.revoke(userId, key.id);
    }
    const { count } = await database.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.ok(Number(count) <= 2 * MAX_LIVE_API_KEYS + 1, `rows: ${count}`);
  });
});
