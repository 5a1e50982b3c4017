import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { User } from '../../users/user.js';
import { createUser, findUserForLogin } from '../../users/user.repository.js';
import type { AttemptLimiter } from '../attempt-limiter.js';
import type { SessionService, StartedSession } from '../session.service.js';
import { createDummyHash, hashPassword, verifyPassword } from './password.js';

/** Where a sign-in comes from: for throttling, the session list, and rotating the old session. */
export interface SignInContext {
  ip: string;
  userAgent: string | undefined;
  /** The browser's current session token, if it sent one: it ends when the new one starts. */
  replacing: string | undefined;
}

export interface SignedIn {
  user: User;
  session: StartedSession;
}

export interface LocalAuthService {
  /** Creates an account with an email and password and signs it in. */
  register(
    input: { email: string; password: string; displayName?: string | undefined },
    context: SignInContext,
  ): Promise<SignedIn>;
  /** Signs in with an email and password; every failure looks the same. */
  login(input: { email: string; password: string }, context: SignInContext): Promise<SignedIn>;
}

const INVALID = 'Email or password is incorrect';

/** Email-and-password accounts, so a self-hosted instance needs no Reddit app to have users. */
export function createLocalAuthService(deps: {
  db: Db;
  sessions: SessionService;
  attempts: AttemptLimiter;
  /** Failed sign-ins allowed per account and per IP address in the limiter's window. */
  limits: { perAccount: number; perIp: number };
}): LocalAuthService {
  const { db, sessions, attempts, limits } = deps;
  const dummyHash = createDummyHash();

  const startSession = (user: User, context: SignInContext) =>
    sessions.start(user.id, { userAgent: context.userAgent, replacing: context.replacing });

  return {
    async register(input, context) {
      const passwordHash = await hashPassword(input.password);
      const user = await createUser(db, {
        email: input.email,
        passwordHash,
        displayName: input.displayName?.trim() || defaultDisplayName(input.email),
      });
      if (user === undefined) {
        throw new AppError('email_taken', 'An account with this email already exists');
      }
      return { user, session: await startSession(user, context) };
    },

    async login(input, context) {
      const accountKey = `login:acct:${input.email.toLowerCase()}`;
      const ipKey = `login:ip:${context.ip}`;
      const [account, ip] = await Promise.all([
        attempts.check(accountKey, limits.perAccount),
        attempts.check(ipKey, limits.perIp),
      ]);
      if (!account.allowed || !ip.allowed) {
        throw new AppError('too_many_attempts', 'Too many failed sign-ins; try again later', {
          retryAfterMs: Math.max(account.retryAfterMs, ip.retryAfterMs),
        });
      }
      const found = await findUserForLogin(db, input.email);
      // Unknown emails and users without a password still pay for one verification.
      const passwordHash = found?.passwordHash ?? (await dummyHash);
      const matches = await verifyPassword(passwordHash, input.password);
      if (found === undefined || found.passwordHash === null || !matches) {
        await Promise.all([attempts.fail(accountKey), attempts.fail(ipKey)]);
        throw new AppError('invalid_credentials', INVALID);
      }
      await attempts.reset(accountKey);
      return { user: found.user, session: await startSession(found.user, context) };
    },
  };
}

/** "ada" for ada@example.org: something to greet the user with until they choose a name. */
function defaultDisplayName(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@')).trim();
  return (local === '' ? email : local).slice(0, 100);
}
