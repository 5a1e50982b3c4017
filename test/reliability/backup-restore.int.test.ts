import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { upsertArticle } from '../../src/articles/article.repository.js';
import type { Db } from '../../src/db/database.js';
import { insertHistoryEntry } from '../../src/history/search-history.repository.js';
import { createTestApp, type TestApp } from '../app.js';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { testEnv } from '../env.js';
import { articleDraft } from '../factories.js';
import { apiKeyFor, signedInUser, type SignedIn } from '../users.js';

/**
 * scripts/backup.sh and scripts/restore.sh round-trip every user-owned row: users with saved
 * articles, history, preferences, API keys, sessions and Reddit identities are dumped, restored
 * into a fresh database, and every table is compared by row count and a checksum of its rows.
 */

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const USER_OWNED = [
  'users',
  'identities',
  'sessions',
  'api_keys',
  'saved_articles',
  'search_history',
  'preferences',
];

/** Why this machine cannot run the test (no client tools, or older than the server), else false. */
async function pgToolsSkipReason(db: Db): Promise<string | false> {
  let reason: string | false = false;
  try {
    const { stdout } = await run('pg_dump', ['--version']);
    const client = Number(/(\d+)\.\d+/.exec(stdout)?.[1]);
    const { rows } = await sql<{
      v: string;
    }>`select current_setting('server_version_num') as v`.execute(db);
    const server = Math.floor(Number(rows[0]?.v) / 10_000);
    // pg_dump refuses servers of a later major version (npm test's embedded server is 17).
    if (client < server) reason = `pg_dump ${client} cannot dump PostgreSQL ${server}`;
  } catch {
    reason = 'pg_dump is not installed (PostgreSQL client tools)';
  }
  if (reason !== false && testEnv.ci) throw new Error(`backup test cannot run in CI: ${reason}`);
  return reason;
}

interface TableDigest {
  rows: number;
  checksum: string;
}

/** Row count and an md5 over every row's text form, in a stable order, for each public table. */
async function digest(db: Db): Promise<Record<string, TableDigest>> {
  const { rows: tables } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const result: Record<string, TableDigest> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ rows: string; checksum: string | null }>`
      select count(*) as rows, md5(coalesce(string_agg(t::text, E'\n' order by t::text), ''))
        as checksum
      from ${sql.table(name)} t`.execute(db);
    result[name] = { rows: Number(rows[0]?.rows), checksum: rows[0]?.checksum ?? '' };
  }
  return result;
}

describe('backup and restore (scripts/backup.sh, scripts/restore.sh)', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let t: TestApp;
  let dir: string;
  let skip: string | false = false;
  before(async () => {
    source = await createTestDatabase();
    target = await createTestDatabase({ migrate: false });
    skip = await pgToolsSkipReason(source.db);
    t = await createTestApp({ DATABASE_URL: source.url });
    dir = await mkdtemp(path.join(tmpdir(), 'newsroom-backup-'));
  });
  after(async () => {
    await t.close();
    await Promise.all([source.drop(), target.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  /** A user who has used every feature that stores something of theirs. */
  async function activeUser(n: number): Promise<SignedIn> {
    const who = await signedInUser(t.deps, source.db);
    await apiKeyFor(t.deps, who.user, `script ${n}`);
    for (let i = 0; i < 3; i += 1) {
      const id = await upsertArticle(source.db, articleDraft({ title: `Story ${n}.${i} 'q' ü` }));
      const res = await t.app.inject({
        method: 'PUT',
        url: `/v1/saved/${id}`,
        headers: who.headers,
        payload: { note: `note ${i} with "quotes", \\ and ünïcode`, tags: ['climate', `t${i}`] },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const prefs = await t.app.inject({
      method: 'PATCH',
      url: '/v1/preferences',
      headers: who.headers,
      payload: { language: 'en', theme: 'dark', history_enabled: true },
    });
    assert.equal(prefs.statusCode, 200, prefs.body);
    for (const query of ['climate', 'sea ice', "o'brien"]) {
      await insertHistoryEntry(
        source.db,
        who.user.id,
        { query, params: { q: query, sort: 'relevance' }, resultCount: 7 },
        new Date(),
        100,
      );
    }
    await source.db
      .insertInto('identities')
      .values({
        user_id: who.user.id,
        provider: 'reddit',
        subject: `t2_user${n}`,
        username: `redditor${n}`,
        access_token: `v1.envelope.access.${n}`,
        refresh_token: `v1.envelope.refresh.${n}`,
        access_token_expires_at: new Date('2026-12-01T00:00:00Z'),
      })
      .execute();
    return who;
  }

  it('restores every user-owned row into a fresh database, table by table', async (ctx) => {
    if (skip !== false) return ctx.skip(skip);
    for (let n = 0; n < 3; n += 1) await activeUser(n);
    const before = await digest(source.db);
    for (const table of USER_OWNED) {
      assert.ok((before[table]?.rows ?? 0) > 0, `${table} has rows to round-trip`);
    }

    const dump = path.join(dir, 'newsroom.dump');
    const backup = await run('bash', ['scripts/backup.sh', dump], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: source.url },
    });
    assert.match(backup.stdout, /backup: wrote .*newsroom\.dump/);
    assert.ok((await stat(dump)).size > 0);
    await run('bash', ['scripts/restore.sh', dump, target.url], { cwd: repo });

    assert.deepEqual(await digest(target.db), before);
  });

  it('refuses to restore over a database that has tables unless --clean is given', async (ctx) => {
    if (skip !== false) return ctx.skip(skip);
    const scratch = await createTestDatabase({ migrate: false });
    try {
      const dump = path.join(dir, 'again.dump');
      await run('bash', ['scripts/backup.sh', dump], {
        cwd: repo,
        env: { ...process.env, DATABASE_URL: source.url },
      });
      await run('bash', ['scripts/restore.sh', dump, scratch.url], { cwd: repo });
      await scratch.db.deleteFrom('preferences').execute();
      await assert.rejects(run('bash', ['scripts/restore.sh', dump, scratch.url], { cwd: repo }), {
        stderr: /already has \d+ tables; pass --clean/,
      });
      await run('bash', ['scripts/restore.sh', '--clean', dump, scratch.url], { cwd: repo });
      assert.deepEqual(await digest(scratch.db), await digest(source.db));
    } finally {
      await scratch.drop();
    }
  });

  it('fails without DATABASE_URL instead of dumping some default database', async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'),
    );
    await assert.rejects(run('bash', ['scripts/backup.sh', path.join(dir, 'x.dump')], { env }), {
      stderr: /DATABASE_URL is not set/,
    });
  });
});
