import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RedditClient } from '../../providers/reddit/reddit.client.js';
import type { TokenCipher } from '../token-cipher.js';
import { asUpstreamFailure, isInvalidGrant, noCancel, requireClient } from './reddit-failures.js';
import type { RedditIdentity } from './reddit-identity.js';
import {
  clearRedditTokens,
  findRedditIdentityOfUser,
  updateRedditTokens,
} from './reddit-identity.repository.js';
import { encryptTokens, openEnvelope } from './token-envelopes.js';

export interface RedditTokenService {
  /**
   * A valid access token for the user's Reddit identity, refreshed when it has expired or
   * expires within a minute, or when `rejected` (the token Reddit just refused) is still stored.
   * Throws reddit_not_linked (no identity) or reddit_reauth_required (tokens gone or refused).
   */
  accessToken(userId: string, options?: { rejected?: string }): Promise<string>;
  /** Revokes the user's tokens at Reddit (best effort) and forgets them; for account deletion. */
  revokeRedditTokens(userId: string): Promise<void>;
}

const REFRESH_MARGIN_MS = 60_000;

type RefreshOutcome = { kind: 'token'; token: string } | { kind: 'not_linked' | 'reauth' };

/**
 * Access tokens from the stored, encrypted grant. A refresh is shared by every caller in this
 * process (single flight per user) and runs under a row lock on the identity, so instances never
 * refresh one grant twice: Reddit rotates refresh tokens, and the loser of such a race would be
 * refused. A refused refresh token (invalid_grant) clears the stored tokens but keeps the
 * identity, so signing in with Reddit again still finds the same user.
 */
export function createRedditTokenService(deps: {
  db: Db;
  client: RedditClient | undefined;
  cipher: TokenCipher;
  clock: Clock;
  log: Logger;
}): RedditTokenService {
  const { db, cipher, clock, log } = deps;
  const flights = new Map<string, Promise<string>>();

  const usableToken = (identity: RedditIdentity, rejected: string | undefined) => {
    const expiresAt = identity.accessTokenExpiresAt?.getTime() ?? 0;
    if (expiresAt <= clock.now().getTime() + REFRESH_MARGIN_MS) return undefined;
    const token = openEnvelope(cipher, identity.accessTokenEnvelope, identity.subject, 'access');
    return token === rejected ? undefined : token;
  };

  const refresh = (userId: string, rejected: string | undefined) =>
    db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
      const identity = await findRedditIdentityOfUser(trx, userId, { lock: true });
      if (identity === undefined) return { kind: 'not_linked' };
      // Another caller (or instance) may have refreshed while this one waited for the lock.
      const fresh = usableToken(identity, rejected);
      if (fresh !== undefined) return { kind: 'token', token: fresh };
      // Already cleared earlier: nothing to refresh or to clear.
      if (identity.refreshTokenEnvelope === null && identity.accessTokenEnvelope === null) {
        return { kind: 'reauth' };
      }
      const refreshToken = openEnvelope(
        cipher,
        identity.refreshTokenEnvelope,
        identity.subject,
        'refresh',
      );
      const unlink = async (): Promise<RefreshOutcome> => {
        await clearRedditTokens(trx, userId, identity.id, clock.now());
        log.info({ userId, provider: 'reddit' }, 'Reddit tokens cleared; sign-in needed');
        return { kind: 'reauth' };
      };
      if (refreshToken === undefined) return unlink();
      try {
        const tokens = await requireClient(deps.client).refreshUserToken(refreshToken, noCancel());
        // The new refresh token replaces the old one, which Reddit no longer accepts.
        const stored = encryptTokens(cipher, identity.subject, tokens);
        await updateRedditTokens(trx, userId, identity.id, stored, clock.now());
        log.info({ userId, provider: 'reddit' }, 'Reddit access token refreshed');
        return { kind: 'token', token: tokens.accessToken };
      } catch (error) {
        if (isInvalidGrant(error)) return unlink();
        throw asUpstreamFailure(error, 'renew your sign-in');
      }
    });

  const refreshOnce = (userId: string, rejected: string | undefined): Promise<string> => {
    let flight = flights.get(userId);
    if (flight === undefined) {
      flight = refresh(userId, rejected)
        .then(tokenOrThrow)
        .finally(() => flights.delete(userId));
      flights.set(userId, flight);
    }
    return flight;
  };

  return {
    async accessToken(userId, options = {}) {
      const identity = await findRedditIdentityOfUser(db, userId);
      if (identity === undefined) return tokenOrThrow({ kind: 'not_linked' });
      const token = usableToken(identity, options.rejected);
      return token ?? refreshOnce(userId, options.rejected);
    },

    async revokeRedditTokens(userId) {
      const identity = await findRedditIdentityOfUser(db, userId);
      if (identity === undefined) return;
      // The refresh token first: revoking it also revokes the access tokens made from it.
      const tokens = [
        [
          'refresh_token',
          openEnvelope(cipher, identity.refreshTokenEnvelope, identity.subject, 'refresh'),
        ],
        [
          'access_token',
          openEnvelope(cipher, identity.accessTokenEnvelope, identity.subject, 'access'),
        ],
      ] as const;
      for (const [hint, token] of tokens) {
        if (token === undefined || deps.client === undefined) continue;
        try {
          await deps.client.revokeToken(token, hint, noCancel());
        } catch (error) {
          log.warn(
            { err: error, userId, provider: 'reddit', hint },
            'Reddit token revocation failed',
          );
        }
      }
      await clearRedditTokens(db, userId, identity.id, clock.now());
    },
  };
}

function tokenOrThrow(outcome: RefreshOutcome): string {
  switch (outcome.kind) {
    case 'token':
      return outcome.token;
    case 'not_linked':
      throw new AppError(
        'reddit_not_linked',
        'No Reddit account is linked; sign in with Reddit first',
      );
    case 'reauth':
      throw new AppError('reddit_reauth_required', 'Sign in with Reddit again');
  }
}
