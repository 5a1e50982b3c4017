import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiKeysTable } from '../db/schema.js';
import type { UserTier } from '../users/user.js';
import type { ApiKey } from './api-key.js';

export async function insertApiKey(
  db: Db,
  key: { userId: string; name: string; prefix: string; keyHash: Buffer },
): Promise<ApiKey> {
  const row = await db
    .insertInto('api_keys')
    .values({ user_id: key.userId, name: key.name, prefix: key.prefix, key_hash: key.keyHash })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiKey(row);
}

/**
 * Inserts the key unless the user already has `limits.live` live keys (then undefined), and
 * forgets their revoked keys beyond the newest `limits.revokedKept`, so no user can grow the
 * table without bound by creating and revoking in a loop. The user's row is locked for the
 * transaction, so two concurrent creations cannot both pass the count.
 */
export async function insertApiKeyWithinLimit(
  db: Db,
  key: { userId: string; name: string; prefix: string; keyHash: Buffer },
  limits: { live: number; revokedKept: number },
): Promise<ApiKey | undefined> {
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', key.userId)
      .forUpdate()
      .executeTakeFirst();
    const { live } = await trx
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<string>().as('live'))
      .where('user_id', '=', key.userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(live) >= limits.live) return undefined;
    await trx
      .deleteFrom('api_keys')
      .where('user_id', '=', key.userId)
      .where('revoked_at', 'is not', null)
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('api_keys')
          .select('id')
          .where('user_id', '=', key.userId)
          .where('revoked_at', 'is not', null)
          .orderBy('revoked_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limits.revokedKept),
      )
      .execute();
    return insertApiKey(trx, key);
  });
}

/** The user's keys, newest first, revoked ones included (so the list explains what stopped). */
export async function listApiKeys(db: Db, userId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toApiKey);
}

/** Revokes the key if it is this user's; returns it, or undefined when it is not theirs. */
export async function revokeApiKey(
  db: Db,
  userId: string,
  id: string,
  now: Date,
): Promise<ApiKey | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toApiKey(row);
}

/** The live key with this hash and its owner's tier; records the use (at most once a minute). */
export async function useApiKey(
  db: Db,
  keyHash: Buffer,
  now: Date,
): Promise<{ apiKeyId: string; userId: string; tier: UserTier } | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select(['api_keys.id as apiKeyId', 'api_keys.user_id as userId', 'users.tier as tier'])
    .select('api_keys.last_used_at as lastUsedAt')
    .where('api_keys.key_hash', '=', keyHash)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.lastUsedAt === null || row.lastUsedAt.getTime() < now.getTime() - 60_000) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', row.apiKeyId)
      .execute();
  }
  return { apiKeyId: row.apiKeyId, userId: row.userId, tier: row.tier };
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
