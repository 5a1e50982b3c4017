import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { upsertArticles } from '../../articles/article.repository.js';
import { createLogger } from '../../logger.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { articleDraft } from '../../../test/factories.js';
import { backfill } from './backfill.js';
import { createEnrichmentService, type EnrichmentService } from './enrichment.service.js';
import { createInlineAnalyser } from './text-analyser.js';

describe('backfill (npm run enrich)', () => {
  let database: TestDatabase;
  let service: EnrichmentService;
  const since = new Date('2026-01-01T00:00:00Z');
  before(async () => {
    database = await createTestDatabase();
    service = createEnrichmentService({
      db: database.db,
      analyser: createInlineAnalyser(),
      log: createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    });
    const day = (d: number) => new Date(Date.UTC(2025, 11, 26 + d, 12));
    await upsertArticles(
      database.db,
      Array.from({ length: 12 }, (_, d) =>
        articleDraft({ title: `Mayor of Oslo opens bridge, day ${d}`, publishedAt: day(d) }),
      ),
    );
  });
  after(async () => database.drop());

  const count = async (table: 'article_sentiments' | 'article_entity_runs') =>
    (
      await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        database.db,
      )
    ).rows[0]?.n;

  it('resumes an interrupted run, skips what is current, and recomputes stale rows', async () => {
    // Six of the twelve articles are published since 2026-01-01. Stop after the first batch.
    const stop = new AbortController();
    const first = await backfill(service, {
      since,
      batchSize: 4,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    assert.equal(first.enriched, 4);
    assert.equal(await count('article_sentiments'), 4);

    const second = await backfill(service, { since, batchSize: 4 });
    assert.equal(second.enriched, 2);
    assert.equal(await count('article_sentiments'), 6);
    assert.equal(await count('article_entity_runs'), 6);

    const third = await backfill(service, { since, batchSize: 4 });
    assert.deepEqual(third, { enriched: 0, lastId: null });

    await sql`update article_entity_runs set extractor_version = 'old'
      where article_id = (select min(article_id) from article_entity_runs)`.execute(database.db);
    assert.equal((await backfill(service, { since, batchSize: 4 })).enriched, 1);

    // --all recomputes current rows too; without --since, older articles are enriched as well.
    assert.equal((await backfill(service, { since, batchSize: 4, all: true })).enriched, 6);
    assert.equal((await backfill(service, { batchSize: 5 })).enriched, 6);
    assert.equal(await count('article_sentiments'), 12);
    assert.deepEqual(await service.findUnenriched(100), []);
  });
});
