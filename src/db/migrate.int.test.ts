import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createDatabase } from './database.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  it('reports every migration pending on an empty database', async () => {
    assert.deepEqual(await pendingMigrations(database.db), Object.keys(migrations));
  });

  it('applies each migration exactly once when several processes migrate at the same time', async () => {
    // Separate pools and lock sessions, as separate processes would have.
    const others = [1, 2, 3].map(() =>
      createDatabase({ connectionString: database.url, poolMax: 2, applicationName: 'race' }),
    );
    try {
      const results = await Promise.all(
        [database.db, ...others].map((db) => migrateToLatest(db, database.url)),
      );
      const applied = results.flat();
      assert.deepEqual(applied.sort(), Object.keys(migrations).sort());
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(
        database.db,
      );
      assert.equal(rows.rows.length, Object.keys(migrations).length);
      assert.deepEqual(await pendingMigrations(database.db), []);
    } finally {
      await Promise.all(others.map((db) => db.destroy()));
    }
  });

  it('does nothing when run again', async () => {
    assert.deepEqual(await migrateToLatest(database.db, database.url), []);
  });

  it('creates the article store with its full-text and recency indexes', async () => {
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename in ('articles', 'article_sources')
    `.execute(database.db);
    const byName = new Map(indexes.rows.map((r) => [r.indexname, r.indexdef]));
    assert.match(byName.get('articles_search_idx') ?? '', /USING gin \(search\)/);
    assert.match(byName.get('articles_published_at_idx') ?? '', /published_at DESC/);
    assert.match(byName.get('articles_canonical_url_key') ?? '', /UNIQUE/);
    assert.match(byName.get('article_sources_provider_key') ?? '', /UNIQUE.*provider, provider_id/);
  });
});
