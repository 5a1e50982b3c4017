import type { Db } from '../../db/database.js';

/** A sign-in in flight, as stored: only hashes of the state and the browser nonce. */
export interface OAuthState {
  browserHash: Buffer;
  returnTo: string;
  expiresAt: Date;
}

export async function insertOAuthState(
  db: Db,
  state: {
    provider: string;
    stateHash: Buffer;
    browserHash: Buffer;
    returnTo: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('oauth_states')
    .values({
      state_hash: state.stateHash,
      browser_hash: state.browserHash,
      provider: state.provider,
      return_to: state.returnTo,
      expires_at: state.expiresAt,
    })
    .execute();
}

/**
 * Deletes and returns the state in one statement, so a state works once even when two callbacks
 * race (only one DELETE gets the row back).
 */
export async function takeOAuthState(
  db: Db,
  provider: string,
  stateHash: Buffer,
): Promise<OAuthState | undefined> {
  const row = await db
    .deleteFrom('oauth_states')
    .where('state_hash', '=', stateHash)
    .where('provider', '=', provider)
    .returning(['browser_hash', 'return_to', 'expires_at'])
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { browserHash: row.browser_hash, returnTo: row.return_to, expiresAt: row.expires_at };
}

/** Forgets abandoned sign-ins, a bounded batch at a time (called on each new sign-in). */
export async function deleteExpiredOAuthStates(db: Db, now: Date, batch = 100): Promise<number> {
  const result = await db
    .deleteFrom('oauth_states')
    .where('state_hash', 'in', (eb) =>
      eb
        .selectFrom('oauth_states')
        .select('state_hash')
        .where('expires_at', '<=', now)
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
