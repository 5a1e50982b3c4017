import type { User } from '../users/user.js';

/** The signed-in user as GET /v1/me answers. */
export interface Me {
  user: User;
  authenticatedBy: 'session' | 'api_key';
  /** With a session only, so the web app can read it (the cookie itself is HttpOnly). */
  csrfToken?: string;
  identities: { provider: string; username: string; linkedAt: Date }[];
}

/** An external account linked to the user, without its tokens. */
export interface IdentityInfo {
  provider: string;
  subject: string;
  username: string;
  scopes: string;
  linkedAt: Date;
  updatedAt: Date;
}

/** A session as its owner may see it: never its token or CSRF token. */
export interface SessionMetadata {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionInfo extends SessionMetadata {
  /** True for the session the request came with. */
  current: boolean;
}

/** One part of the account export: everything of one kind the user owns, secrets left out. */
export type ExportSection = (userId: string) => Promise<unknown>;

/** The account export: when it was made, then one property per section. */
export interface AccountExport {
  exportedAt: Date;
  [section: string]: unknown;
}

/** Runs before an account is deleted (e.g. revoking tokens at a provider); failures are logged. */
export type BeforeDeleteHook = (userId: string) => Promise<void>;
