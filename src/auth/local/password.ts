import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are stored as argon2id PHC strings with the library's default parameters (argon2id,
 * 19 MiB, 2 passes: OWASP's baseline); the parameters travel inside each hash, so stronger
 * defaults in a later version apply to new hashes while old ones still verify. Input is
 * NFC-normalised first, so a password typed on keyboards that compose accents differently matches.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password.normalize('NFC'));
}

/**
 * A hash nobody knows the password of, made once (starting now) with the same parameters as real
 * ones. Signing in as an unknown email, or as a user without a password, verifies against it, so
 * the answer costs as much as a wrong password and its timing does not reveal who has an account.
 */
export function createDummyHash(): Promise<string> {
  const dummy = hashPassword(randomBytes(32).toString('base64url'));
  // Awaited on first use; until then a failure must not surface as an unhandled rejection.
  dummy.catch(() => undefined);
  return dummy;
}
