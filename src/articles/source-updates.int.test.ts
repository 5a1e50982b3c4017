import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { upsertArticles } from './article.repository.js';

describe('a source seen again', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it('is updated in place on its page (a heap-only tuple: no index entries) with its new figures', async () => {
    // Enough sources to fill several pages, so the first one is as full as it will get.
    const drafts = Array.from({ length: 300 }, (_, i) =>
      articleDraft({
        source: { provider: 'reddit', providerId: `t3_${i}`, score: i, comments: 0 },
      }),
    );
    await upsertArticles(database.db, drafts);
    const first = drafts[0];
    assert.ok(first !== undefined);
    const counts = await database.db.transaction().execute(async (trx) => {
      await upsertArticles(trx, [
        { ...first, source: { ...first.source, score: 999, comments: 7 } },
      ]);
      // This transaction's own counters: the re-sighting's single update, and whether it was HOT.
      const { rows } = await sql<{ updated: number; hot: number }>`
        select n_tup_upd::int as updated, n_tup_hot_upd::int as hot
        from pg_stat_xact_user_tables where relname = 'article_sources'`.execute(trx);
      return rows[0];
    });
    assert.deepEqual(counts, { updated: 1, hot: 1 });
    const { rows } = await sql<{ score: number; comments: number }>`
      select score, comments from article_sources where provider_id = 't3_0'`.execute(database.db);
    assert.deepEqual(rows, [{ score: 999, comments: 7 }]);
  });
});
