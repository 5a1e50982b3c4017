import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { IdentitiesTable } from '../../db/schema.js';
import { REDDIT, type RedditIdentity, type StoredTokens } from './reddit-identity.js';

export async function findRedditIdentityBySubject(
  db: Db,
  subject: string,
): Promise<RedditIdentity | undefined> {
  const row = await db
    .selectFrom('identities')
    .selectAll()
    .where('provider', '=', REDDIT)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row === undefined ? undefined : toIdentity(row);
}

/**
 * The user's Reddit identity. `lock` takes a row lock for the rest of the transaction, so one
 * process at a time refreshes it (Reddit rotates refresh tokens: two refreshes with the same
 * token would make the second fail).
 */
export async function findRedditIdentityOfUser(
  db: Db,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<RedditIdentity | undefined> {
  let query = db
    .selectFrom('identities')
    .selectAll()
    .where('provider', '=', REDDIT)
    .where('user_id', '=', userId)
    .orderBy('id')
    .limit(1);
  if (options.lock === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toIdentity(row);
}

/** Inserts the link; undefined when this Reddit account was linked concurrently. */
export async function insertRedditIdentity(
  db: Db,
  identity: { userId: string; subject: string; username: string; tokens: StoredTokens },
): Promise<RedditIdentity | undefined> {
  const row = await db
    .insertInto('identities')
    .values({
      user_id: identity.userId,
      provider: REDDIT,
      subject: identity.subject,
      username: identity.username,
      ...tokenColumns(identity.tokens),
    })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toIdentity(row);
}

/** Stores new tokens (and the current username) on the user's own identity. */
export async function updateRedditTokens(
  db: Db,
  userId: string,
  identityId: string,
  tokens: StoredTokens,
  now: Date,
  username?: string,
): Promise<void> {
  await db
    .updateTable('identities')
    .set({
      ...tokenColumns(tokens),
      ...(username === undefined ? {} : { username }),
      updated_at: now,
    })
    .where('id', '=', identityId)
    .where('user_id', '=', userId)
    .execute();
}

/** Forgets the tokens but keeps the link, so signing in with Reddit again finds this user. */
export async function clearRedditTokens(
  db: Db,
  userId: string,
  identityId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('identities')
    .set({
      access_token: null,
      refresh_token: null,
      access_token_expires_at: null,
      updated_at: now,
    })
    .where('id', '=', identityId)
    .where('user_id', '=', userId)
    .execute();
}

function tokenColumns(tokens: StoredTokens) {
  return {
    access_token: tokens.accessTokenEnvelope,
    refresh_token: tokens.refreshTokenEnvelope,
    access_token_expires_at: tokens.accessTokenExpiresAt,
    scopes: tokens.scopes.join(' '),
  };
}

function toIdentity(row: Selectable<IdentitiesTable>): RedditIdentity {
  return {
    id: row.id,
    userId: row.user_id,
    subject: row.subject,
    username: row.username,
    scopes: row.scopes.split(' ').filter((scope) => scope !== ''),
    accessTokenEnvelope: row.access_token,
    refreshTokenEnvelope: row.refresh_token,
    accessTokenExpiresAt: row.access_token_expires_at,
  };
}
