import { sql, type Kysely } from 'kysely';

/**
 * Room on article_sources' pages for the write-through's updates. Every re-sighting of a story
 * rewrites its source row (fetched_at, score, comments); on a full page the new row version goes
 * elsewhere and each of the table's four indexes gets an entry for it, where with free space on
 * the page it stays there as a heap-only tuple and no index is touched (none of its indexed
 * columns changes). Affects pages filled from now on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table article_sources set (fillfactor = 90)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table article_sources reset (fillfactor)`.execute(db);
}
