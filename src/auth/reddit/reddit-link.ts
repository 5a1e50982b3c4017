import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { createUser } from '../../users/user.repository.js';
import type { StoredTokens } from './reddit-identity.js';
import {
  findRedditIdentityBySubject,
  findRedditIdentityOfUser,
  insertRedditIdentity,
  updateRedditTokens,
} from './reddit-identity.repository.js';

/** Who Reddit says signed in, with their freshly encrypted tokens. */
export interface RedditAccount {
  subject: string;
  username: string;
  tokens: StoredTokens;
}

/** `existing`: the link was known; `linked`: added to the signed-in user; `created`: new user. */
export type LinkOutcome = 'existing' | 'linked' | 'created';

class LostRace extends Error {}

/**
 * Finds or creates the user behind a Reddit account, in one transaction, and stores its tokens.
 * A known Reddit account signs in its own user; when someone is signed in, a new Reddit account
 * is linked to them (one per user; a Reddit account linked to someone else is refused rather
 * than moved); otherwise a user is created (no email, no password, named after the account).
 * Two first sign-ins of one account racing: the loser retries once and finds the winner's link.
 */
export async function linkRedditAccount(
  db: Db,
  account: RedditAccount,
  signedInUserId: string | undefined,
  now: Date,
): Promise<{ userId: string; outcome: LinkOutcome }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => link(trx, account, signedInUserId, now));
    } catch (error) {
      if (!(error instanceof LostRace) || attempt > 0) throw error;
    }
  }
}

async function link(
  db: Db,
  account: RedditAccount,
  signedInUserId: string | undefined,
  now: Date,
): Promise<{ userId: string; outcome: LinkOutcome }> {
  const known = await findRedditIdentityBySubject(db, account.subject);
  if (known !== undefined) {
    if (signedInUserId !== undefined && known.userId !== signedInUserId) {
      throw new AppError(
        'oauth_failed',
        'This Reddit account is linked to another Newsroom account; sign out and sign in with Reddit to use it',
      );
    }
    await updateRedditTokens(db, known.userId, known.id, account.tokens, now, account.username);
    return { userId: known.userId, outcome: 'existing' };
  }

  if (signedInUserId !== undefined) {
    const current = await findRedditIdentityOfUser(db, signedInUserId);
    if (current !== undefined) {
      throw new AppError(
        'oauth_failed',
        `Your account is already linked to the Reddit account u/${current.username}`,
      );
    }
  }
  const userId =
    signedInUserId ??
    (await createUser(db, { email: null, passwordHash: null, displayName: account.username }))?.id;
  if (userId === undefined) throw new Error('Creating a user without an email cannot conflict');
  const inserted = await insertRedditIdentity(db, { userId, ...account });
  if (inserted === undefined) throw new LostRace();
  return { userId, outcome: signedInUserId === undefined ? 'created' : 'linked' };
}
