import type { Principal } from '../auth/principal.js';
import { deleteSession } from '../auth/session.repository.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { deleteUser, findUserById } from '../users/user.repository.js';
import type { AccountExport, BeforeDeleteHook, ExportSection, Me, SessionInfo } from './account.js';
import { listIdentities, listSessions } from './account.repository.js';

export interface AccountService {
  /** The caller's account, how they authenticated, and their linked identities. */
  me(principal: Principal): Promise<Me>;
  /** One document of everything the user owns: `exportedAt` plus one property per section. */
  export(userId: string): Promise<AccountExport>;
  /** The user's live sessions, the caller's own marked `current`. */
  listSessions(userId: string, currentSessionId: string): Promise<SessionInfo[]>;
  /** Ends one of the user's sessions; another user's session answers as a missing one. */
  endSession(userId: string, sessionId: string): Promise<void>;
  /** Runs the before-delete hooks, then deletes the user and (by cascade) all they own. */
  deleteAccount(userId: string): Promise<void>;
}

export function createAccountService(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Named parts of the export; features that store user data add theirs. */
  exportSections: Record<string, ExportSection>;
  beforeDelete: BeforeDeleteHook[];
}): AccountService {
  const { db, clock, log } = deps;
  return {
    async me(principal) {
      const [user, identities] = await Promise.all([
        findUserById(db, principal.userId),
        listIdentities(db, principal.userId),
      ]);
      // Deleted between authentication and here: the credentials no longer name anyone.
      if (user === undefined) throw new AppError('unauthorized', 'This account no longer exists');
      return {
        user,
        authenticatedBy: principal.kind,
        ...(principal.kind === 'session' ? { csrfToken: principal.csrfToken } : {}),
        identities: identities.map(({ provider, username, linkedAt }) => ({
          provider,
          username,
          linkedAt,
        })),
      };
    },

    async export(userId) {
      const exportedAt = clock.now();
      const names = Object.keys(deps.exportSections);
      const values = await Promise.all(
        Object.values(deps.exportSections).map((section) => section(userId)),
      );
      return { ...Object.fromEntries(names.map((name, i) => [name, values[i]])), exportedAt };
    },

    async listSessions(userId, currentSessionId) {
      const sessions = await listSessions(db, userId, clock.now());
      return sessions.map((s) => ({ ...s, current: s.id === currentSessionId }));
    },

    async endSession(userId, sessionId) {
      if (!(await deleteSession(db, sessionId, userId))) {
        throw new AppError('session_not_found', `No session ${sessionId}`);
      }
    },

    async deleteAccount(userId) {
      for (const [index, hook] of deps.beforeDelete.entries()) {
        try {
          await hook(userId);
        } catch (error) {
          // Cleaning up elsewhere is best effort; the user's wish to be deleted comes first.
          log.warn({ err: error, userId, hook: hook.name || index }, 'Before-delete hook failed');
        }
      }
      await deleteUser(db, userId);
      log.info({ userId }, 'Account deleted');
    },
  };
}
