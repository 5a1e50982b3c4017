import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { TimeKey } from '../saved/time-cursor.js';
import type { HistoryEntry, SearchRecord } from './search-history.js';

/**
 * Records a search and trims the user's entries to the newest `keep`, in one transaction. The
 * trim walks search_history_user_idx past the first `keep` entries, so its cost is bounded too.
 */
export async function insertHistoryEntry(
  db: Db,
  userId: string,
  record: SearchRecord,
  now: Date,
  keep: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('search_history')
      .values({
        user_id: userId,
        query: record.query,
        params: JSON.stringify(record.params),
        result_count: record.resultCount,
        searched_at: now,
      })
      .execute();
    await sql`
      delete from search_history where id in (
        select id from search_history where user_id = ${userId}::bigint
        order by searched_at desc, id desc offset ${keep})`.execute(trx);
  });
}

interface HistoryRow {
  id: string;
  query: string;
  params: Record<string, unknown>;
  result_count: number;
  searched_at: Date;
  searched_key: string;
}

/** The user's entries, newest first, keyset-paged on (searched_at, id). */
export async function listHistory(
  db: Db,
  userId: string,
  limit: number,
  after: TimeKey | undefined,
): Promise<{ entries: HistoryEntry[]; next: TimeKey | null }> {
  const position =
    after === undefined
      ? sql`true`
      : sql`(searched_at, id) < (${after.at}::timestamptz, ${after.id}::bigint)`;
  const { rows } = await sql<HistoryRow>`
    select id, query, params, result_count, searched_at,
      to_char(searched_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as searched_key
    from search_history
    where user_id = ${userId}::bigint and ${position}
    order by searched_at desc, id desc
    limit ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: r.id,
      query: r.query,
      params: r.params,
      resultCount: r.result_count,
      searchedAt: r.searched_at,
    })),
    next: rows.length > limit && last !== undefined ? { at: last.searched_key, id: last.id } : null,
  };
}

/** Deletes one of the user's entries; false when the user has no entry with that id. */
export async function deleteHistoryEntry(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('search_history')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes all of the user's entries; returns how many. */
export async function clearHistory(db: Db, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('search_history')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
