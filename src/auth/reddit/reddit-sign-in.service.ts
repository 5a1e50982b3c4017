import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { isProviderError } from '../../providers/provider-error.js';
import type { RedditClient, UserTokens } from '../../providers/reddit/reddit.client.js';
import { hashSecret, newSecret } from '../secret-token.js';
import type { SessionService, StartedSession } from '../session.service.js';
import type { TokenCipher } from '../token-cipher.js';
import {
  deleteExpiredOAuthStates,
  insertOAuthState,
  takeOAuthState,
} from './oauth-state.repository.js';
import { asUpstreamFailure, noCancel, requireClient } from './reddit-failures.js';
import { REDDIT, REDDIT_SCOPES } from './reddit-identity.js';
import { linkRedditAccount, type RedditAccount } from './reddit-link.js';
import { safeReturnTo } from './return-to.js';
import { encryptTokens } from './token-envelopes.js';

export interface StartedSignIn {
  /** Reddit's authorize URL, with a fresh state. */
  location: string;
  /** Goes into the browser's short-lived cookie; the state only works together with it. */
  browserNonce: string;
}

export interface CallbackInput {
  state?: string | undefined;
  code?: string | undefined;
  error?: string | undefined;
  browserNonce?: string | undefined;
  /** The browser's current session token, ended by the new session (rotation). */
  currentSessionToken?: string | undefined;
  /** Set when a user is already signed in: the Reddit account is linked to them. */
  signedInUserId?: string | undefined;
  userAgent?: string | undefined;
}

export interface RedditSignInService {
  start(input: { returnTo?: string | undefined }): Promise<StartedSignIn>;
  finish(input: CallbackInput): Promise<{ session: StartedSession; returnTo: string }>;
}

export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
const MAX_PARAM_LENGTH = 2000;

/**
 * Sign in with Reddit (OAuth 2.0 code flow). `start` stores only hashes of the state and of a
 * browser nonce; `finish` takes the state exactly once, checks it belongs to this browser and
 * has not expired, exchanges the code once, reads who the user is, finds or creates the user
 * (or links the identity to the signed-in user), stores the tokens encrypted and starts a
 * session in place of any previous one.
 */
export function createRedditSignInService(deps: {
  db: Db;
  client: RedditClient | undefined;
  cipher: TokenCipher;
  sessions: SessionService;
  clock: Clock;
  log: Logger;
}): RedditSignInService {
  const { db, cipher, clock, log } = deps;

  const takeState = async (input: CallbackInput) => {
    const { state, browserNonce } = input;
    if (state === undefined || state === '' || state.length > MAX_PARAM_LENGTH) {
      throw failed('The sign-in response carries no state');
    }
    const stored = await takeOAuthState(db, REDDIT, hashSecret(state));
    if (stored === undefined) throw failed('This sign-in link is unknown or was already used');
    if (stored.expiresAt.getTime() <= clock.now().getTime()) {
      throw failed('This sign-in link has expired; start again');
    }
    const sameBrowser =
      browserNonce !== undefined && timingSafeEqual(hashSecret(browserNonce), stored.browserHash);
    if (!sameBrowser) throw failed('This sign-in was started in another browser; start again');
    return stored;
  };

  const exchange = async (client: RedditClient, code: string) => {
    try {
      const tokens = await client.exchangeCode(code, noCancel());
      const me = await client.me(tokens.accessToken, noCancel());
      return { tokens, me };
    } catch (error) {
      if (isProviderError(error) && (error.kind === 'auth' || error.kind === 'bad_request')) {
        log.info(
          { provider: REDDIT, upstreamCode: error.upstreamCode },
          'Reddit refused the sign-in code',
        );
        throw failed('Reddit did not accept this sign-in; start again');
      }
      throw asUpstreamFailure(error, 'complete the sign-in');
    }
  };

  // Tokens that will not be stored are given back to Reddit, so no grant is left dangling.
  const discard = async (client: RedditClient, tokens: UserTokens) => {
    const [token, hint] =
      tokens.refreshToken === null
        ? [tokens.accessToken, 'access_token' as const]
        : [tokens.refreshToken, 'refresh_token' as const];
    await client.revokeToken(token, hint, noCancel()).catch((error: unknown) => {
      log.warn({ err: error, provider: REDDIT }, 'Reddit token revocation failed');
    });
  };

  return {
    async start({ returnTo }) {
      const client = requireClient(deps.client);
      const state = newSecret('');
      const browserNonce = newSecret('');
      const now = clock.now();
      await deleteExpiredOAuthStates(db, now);
      await insertOAuthState(db, {
        provider: REDDIT,
        stateHash: hashSecret(state),
        browserHash: hashSecret(browserNonce),
        returnTo: safeReturnTo(returnTo),
        expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
      });
      const location = client.authorizeUrl({
        state,
        scopes: [...REDDIT_SCOPES],
        duration: 'permanent',
      });
      return { location, browserNonce };
    },

    async finish(input) {
      const client = requireClient(deps.client);
      const stored = await takeState(input);
      if (input.error !== undefined) {
        const declined = input.error === 'access_denied';
        throw failed(
          declined
            ? 'You declined the request on Reddit, so you are not signed in'
            : `Reddit refused the sign-in (${/^[a-z_]{1,64}$/.test(input.error) ? input.error : 'unknown error'})`,
        );
      }
      const code = input.code;
      if (code === undefined || code === '' || code.length > MAX_PARAM_LENGTH) {
        throw failed('The sign-in response carries no code');
      }
      const { tokens, me } = await exchange(client, code);
      const account: RedditAccount = {
        subject: me.id,
        username: me.name,
        tokens: encryptTokens(cipher, me.id, tokens),
      };
      let linked;
      try {
        linked = await linkRedditAccount(db, account, input.signedInUserId, clock.now());
      } catch (error) {
        if (isAppError(error)) await discard(client, tokens);
        throw error;
      }
      const session = await deps.sessions.start(linked.userId, {
        userAgent: input.userAgent,
        replacing: input.currentSessionToken,
      });
      log.info(
        { userId: linked.userId, provider: REDDIT, outcome: linked.outcome },
        'Signed in with Reddit',
      );
      return { session, returnTo: stored.returnTo };
    },
  };
}

function failed(message: string): AppError {
  return new AppError('oauth_failed', message);
}
