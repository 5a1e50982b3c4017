import type { UserTokens } from '../../providers/reddit/reddit.client.js';
import { TokenCipherError, type TokenCipher } from '../token-cipher.js';
import { tokenContext, type StoredTokens } from './reddit-identity.js';

/** Encrypts a grant's tokens for the identity `subject`, each bound to its column. */
export function encryptTokens(
  cipher: TokenCipher,
  subject: string,
  tokens: UserTokens,
): StoredTokens {
  return {
    accessTokenEnvelope: cipher.encrypt(tokens.accessToken, tokenContext(subject, 'access')),
    refreshTokenEnvelope:
      tokens.refreshToken === null
        ? null
        : cipher.encrypt(tokens.refreshToken, tokenContext(subject, 'refresh')),
    accessTokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
  };
}

/** The plaintext, or undefined when the envelope is missing or cannot be decrypted. */
export function openEnvelope(
  cipher: TokenCipher,
  envelope: string | null,
  subject: string,
  kind: 'access' | 'refresh',
): string | undefined {
  if (envelope === null) return undefined;
  try {
    return cipher.decrypt(envelope, tokenContext(subject, kind));
  } catch (error) {
    if (!(error instanceof TokenCipherError)) throw error;
    // A key that is gone (a restart without TOKEN_ENCRYPTION_KEYS) or a damaged row: the
    // caller treats the token as lost and asks the user to sign in again.
    return undefined;
  }
}
