import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/database.js';
import type { Deps } from '../src/deps.js';
import type { User, UserTier } from '../src/users/user.js';
import { createUser } from '../src/users/user.repository.js';

/** A user with a unique email (no password unless a hash is given). */
export async function createTestUser(
  db: Db,
  overrides: { email?: string; passwordHash?: string; tier?: UserTier; displayName?: string } = {},
): Promise<User> {
  const id = randomUUID().slice(0, 8);
  const user = await createUser(db, {
    email: overrides.email ?? `user-${id}@example.test`,
    passwordHash: overrides.passwordHash ?? null,
    displayName: overrides.displayName ?? `User ${id}`,
    ...(overrides.tier === undefined ? {} : { tier: overrides.tier }),
  });
  if (user === undefined) throw new Error('createTestUser: email already taken');
  return user;
}

/** A signed-in browser: the cookie header and CSRF header to send with app.inject(). */
export interface SignedIn {
  user: User;
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request (cookie + CSRF token). */
  headers: Record<string, string>;
}

export async function signIn(deps: Deps, user: User): Promise<SignedIn> {
  const session = await deps.services.sessions.start(user.id, {});
  const cookie = `newsroom_session=${session.token}`;
  return {
    user,
    cookie,
    csrfToken: session.csrfToken,
    headers: { cookie, 'x-csrf-token': session.csrfToken },
  };
}

/** A fresh user signed in through a session, in one call. */
export async function signedInUser(deps: Deps, db: Db): Promise<SignedIn> {
  return signIn(deps, await createTestUser(db));
}

/** An API key for the user, as its owner received it. */
export async function apiKeyFor(deps: Deps, user: User, name = 'test key'): Promise<string> {
  return (await deps.services.apiKeys.create(user.id, name)).key;
}

/** What a browser keeps after signing in over HTTP: the session cookie and the CSRF token. */
export interface Browser {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request (cookie + CSRF token). */
  headers: Record<string, string>;
}

/** The browser state from a register or login response (Set-Cookie and the body's csrfToken). */
export function browserFrom(res: {
  cookies: { name: string; value: string }[];
  json(): unknown;
}): Browser {
  const session = res.cookies.find((c) => c.name === 'newsroom_session');
  if (session === undefined) throw new Error('browserFrom: the response set no session cookie');
  const { csrfToken } = res.json() as { csrfToken: string };
  const cookie = `newsroom_session=${session.value}`;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
