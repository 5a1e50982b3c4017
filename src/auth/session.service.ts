import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Principal } from './principal.js';
import { hashSecret, newSecret } from './secret-token.js';
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  touchSession,
} from './session.repository.js';

/** A new session: the token goes in the cookie (once), the CSRF token to the web app. */
export interface StartedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionService {
  /**
   * Starts a session for a user who just proved who they are. `replacing` is the token of the
   * browser's previous session, if any: it ends here (rotation on sign-in, so a token planted
   * before sign-in is worthless after it).
   */
  start(
    userId: string,
    options: { userAgent?: string | undefined; replacing?: string | undefined },
  ): Promise<StartedSession>;
  /** The principal behind a cookie token, or undefined when unknown or expired. */
  resolve(token: string): Promise<Extract<Principal, { kind: 'session' }> | undefined>;
  /** Ends one session of this user. */
  end(userId: string, sessionId: string): Promise<void>;
  /** Ends every session of this user ("sign out everywhere"). Returns how many ended. */
  endAll(userId: string): Promise<number>;
}

export const SESSION_TOKEN_PREFIX = 'nrs_';

export function createSessionService(deps: {
  db: Db;
  clock: Clock;
  ttlDays: number;
}): SessionService {
  const { db, clock } = deps;
  return {
    async start(userId, { userAgent, replacing }) {
      const token = newSecret(SESSION_TOKEN_PREFIX);
      const csrfToken = newSecret('', 24);
      const expiresAt = new Date(clock.now().getTime() + deps.ttlDays * 86_400_000);
      await db.transaction().execute(async (trx) => {
        if (replacing !== undefined) {
          const previous = await findSession(trx, hashSecret(replacing), clock.now());
          if (previous !== undefined) await deleteSession(trx, previous.sessionId, previous.userId);
        }
        await insertSession(trx, {
          userId,
          tokenHash: hashSecret(token),
          csrfToken,
          userAgent: userAgent?.slice(0, 300) ?? null,
          expiresAt,
        });
      });
      return { token, csrfToken, expiresAt };
    },

    async resolve(token) {
      if (!token.startsWith(SESSION_TOKEN_PREFIX) || token.length > 200) return undefined;
      const now = clock.now();
      const row = await findSession(db, hashSecret(token), now);
      if (row === undefined) return undefined;
      // At most once a minute: the lookup already read last_seen_at, so a fresh session costs
      // no second statement (a write, or even a no-op UPDATE, per request would be wasteful).
      if (now.getTime() - row.lastSeenAt.getTime() >= 60_000) {
        await touchSession(db, row.sessionId, now);
      }
      return {
        kind: 'session',
        userId: row.userId,
        tier: row.tier,
        sessionId: row.sessionId,
        csrfToken: row.csrfToken,
      };
    },

    async end(userId, sessionId) {
      await deleteSession(db, sessionId, userId);
    },

    endAll(userId) {
      return deleteUserSessions(db, userId);
    },
  };
}
