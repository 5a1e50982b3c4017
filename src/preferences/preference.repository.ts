import type { Db } from '../db/database.js';

/** One stored preference row, value as parsed JSON (not yet checked against the registry). */
export interface StoredPreference {
  key: string;
  value: unknown;
  updatedAt: Date;
}

/** Every preference the user has set. */
export async function listPreferences(db: Db, userId: string): Promise<StoredPreference[]> {
  const rows = await db
    .selectFrom('preferences')
    .select(['key', 'value', 'updated_at'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ key: r.key, value: r.value, updatedAt: r.updated_at }));
}

/** Sets every given key in one statement, so a batch is stored whole or not at all. */
export async function upsertPreferences(
  db: Db,
  userId: string,
  entries: readonly { key: string; value: unknown }[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('preferences')
    .values(
      entries.map((e) => ({
        user_id: userId,
        key: e.key,
        value: JSON.stringify(e.value),
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'key']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Removes the user's value for the key (back to its default). */
export async function deletePreference(db: Db, userId: string, key: string): Promise<void> {
  await db.deleteFrom('preferences').where('user_id', '=', userId).where('key', '=', key).execute();
}
