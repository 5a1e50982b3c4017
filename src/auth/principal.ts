import type { UserTier } from '../users/user.js';

/** Who a request acts for, and how it proved it. */
export type Principal =
  | { kind: 'session'; userId: string; tier: UserTier; sessionId: string; csrfToken: string }
  | { kind: 'api_key'; userId: string; tier: UserTier; apiKeyId: string };

/** Resolves a bearer API key; implemented by the api-keys feature. */
export interface ApiKeyVerifier {
  /** The key's owner when the key exists and is not revoked; records its use. */
  verify(rawKey: string): Promise<{ apiKeyId: string; userId: string; tier: UserTier } | undefined>;
}
