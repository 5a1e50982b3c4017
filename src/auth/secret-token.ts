import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque secrets handed to clients (session tokens, API keys, OAuth state): 256 bits from the
 * CSPRNG, base64url, behind a readable prefix. Only their SHA-256 is stored, so a database
 * leak yields nothing that can be replayed; lookups are by hash (an index on 32 random bytes
 * reveals nothing through timing that the attacker did not already choose).
 */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison of two strings of any length. */
export function secretsEqual(a: string, b: string): boolean {
  const left = hashSecret(a);
  const right = hashSecret(b);
  return timingSafeEqual(left, right);
}
