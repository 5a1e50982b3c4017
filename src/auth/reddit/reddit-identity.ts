/** The provider name of Reddit identities (identities.provider, oauth_states.provider). */
export const REDDIT = 'reddit';

/** Scopes asked of Reddit: who you are, reading posts, and which subreddits you follow. */
export const REDDIT_SCOPES = ['identity', 'read', 'mysubreddits'] as const;

/** A user's link to one Reddit account. Tokens stay encrypted envelopes (token-cipher.ts). */
export interface RedditIdentity {
  id: string;
  userId: string;
  /** Reddit's account id (the t2 id without its prefix): the stable key of the link. */
  subject: string;
  username: string;
  scopes: string[];
  accessTokenEnvelope: string | null;
  refreshTokenEnvelope: string | null;
  accessTokenExpiresAt: Date | null;
}

/** Encrypted tokens as stored after a grant or a refresh. */
export interface StoredTokens {
  accessTokenEnvelope: string;
  refreshTokenEnvelope: string | null;
  accessTokenExpiresAt: Date;
  scopes: string[];
}

/** The cipher context binding a token envelope to its identity and column. */
export function tokenContext(subject: string, kind: 'access' | 'refresh'): string {
  return `${REDDIT}:${subject}:${kind}`;
}
