import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.js';
import { upsertArticles } from '../../src/articles/article.repository.js';
import type { Db } from '../../src/db/database.js';
import { createCorpus, SEED_URL_PREFIX, type CorpusOptions } from './synthetic-articles.js';

export interface SeedOptions extends Omit<CorpusOptions, 'spanDays' | 'vocabularySize'> {
  /** Articles per transaction. */
  batchSize: number;
  /** Batches in flight at once (one generates while another is written). */
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A connection pool for bulk loading, not the product's: no statement timeout (a GIN pending-list
 * merge can take longer than a request may), commits not flushed one by one, and the GIN pending
 * list merged in larger, cheaper steps.
 */
export function createSeedDatabase(connectionString: string): Db {
  const pool = new pg.Pool({
    connectionString,
    max: 3,
    application_name: 'newsroom-seed',
    options:
      '-c statement_timeout=0 -c synchronous_commit=off -c gin_pending_list_limit=32768 -c work_mem=64MB',
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export const SEED_DEFAULTS = { spanDays: 730, vocabularySize: 300_000 } as const;

/**
 * Writes the synthetic corpus through the production write path (upsertArticles), resuming
 * after the articles already there, then runs VACUUM ANALYZE (which also flushes the GIN
 * pending list, as autovacuum would). Returns how many articles it wrote.
 */
export async function seedArticles(db: Db, options: SeedOptions): Promise<number> {
  const corpus = createCorpus({ ...SEED_DEFAULTS, ...options });
  const present = await seededCount(db);
  // Batches finish out of order, so an interrupted run may have holes just below `present`;
  // re-upserting a few batches is idempotent and closes them.
  const start = Math.max(0, Math.floor(present / options.batchSize) - options.concurrency);
  let next = start * options.batchSize;
  let done = next;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const from = next;
      const to = Math.min(options.count, from + options.batchSize);
      next = to;
      await upsertArticles(db, corpus.drafts(from, to));
      done += to - from;
      options.onProgress?.(done, options.count);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await sql`vacuum analyze articles`.execute(db);
  await sql`vacuum analyze article_sources`.execute(db);
  return options.count - start * options.batchSize;
}

/** Seeded articles already in the store (an index range scan on the unique URL index). */
export async function seededCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from articles
    where canonical_url >= ${SEED_URL_PREFIX} and canonical_url < ${`${SEED_URL_PREFIX}~`}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
