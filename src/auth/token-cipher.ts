import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * Encryption at rest for OAuth tokens: AES-256-GCM, a fresh 12-byte IV per message, and the id
 * of the key in the envelope `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts), so keys can
 * rotate: the first configured key encrypts, every configured key decrypts. The version and key
 * id are authenticated too (additional data), as is an optional context string that binds an
 * envelope to where it is stored, so it cannot be moved to another row or column.
 */
export interface TokenCipher {
  encrypt(plaintext: string, context?: string): string;
  /** The plaintext, or a TokenCipherError for a tampered, malformed or unknown-key envelope. */
  decrypt(envelope: string, context?: string): string;
}

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Builds the cipher from TOKEN_ENCRYPTION_KEYS ("id:base64-32-bytes,..."), or a per-process key. */
export function createTokenCipher(keysSetting: string | undefined, log: Logger): TokenCipher {
  if (keysSetting === undefined) {
    log.warn(
      'TOKEN_ENCRYPTION_KEYS is not set: OAuth tokens are encrypted with a key that lives only in this process, so linked Reddit accounts will need to sign in again after a restart',
    );
    return cipherFromKeys([[`ephemeral${randomBytes(6).toString('hex')}`, randomBytes(KEY_BYTES)]]);
  }
  return cipherFromKeys(parseKeys(keysSetting));
}

/** Parses and validates every key at once, naming bad ones by id (never by value). */
export function parseKeys(setting: string): Array<[string, Buffer]> {
  const problems: string[] = [];
  const keys: Array<[string, Buffer]> = [];
  for (const entry of setting.split(',')) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon).trim();
    const value = entry.slice(colon + 1).trim();
    if (colon < 1 || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      problems.push(
        'TOKEN_ENCRYPTION_KEYS: every entry must be "id:base64" with an id of [A-Za-z0-9_-]',
      );
      continue;
    }
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
    if (key?.length !== KEY_BYTES) {
      problems.push(
        `TOKEN_ENCRYPTION_KEYS: key "${id}" must be exactly ${KEY_BYTES} bytes of base64`,
      );
    } else if (keys.some(([known]) => known === id)) {
      problems.push(`TOKEN_ENCRYPTION_KEYS: key id "${id}" appears twice`);
    } else {
      keys.push([id, key]);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return keys;
}

/** A cipher over validated keys; the first encrypts. */
export function cipherFromKeys(keys: ReadonlyArray<readonly [string, Buffer]>): TokenCipher {
  const [current] = keys;
  if (current === undefined) throw new ConfigError(['TOKEN_ENCRYPTION_KEYS: no key given']);
  const byId = new Map(keys);
  const additionalData = (keyId: string, context: string | undefined) =>
    Buffer.from(`${VERSION}.${keyId}.${context ?? ''}`, 'utf8');

  return {
    encrypt(plaintext, context) {
      const [keyId, key] = current;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(additionalData(keyId, context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, keyId, ...parts].join('.');
    },

    decrypt(envelope, context) {
      const parts = envelope.split('.');
      const [version, keyId, ivText, ciphertextText, tagText] = parts;
      if (parts.length !== 5 || version !== VERSION || keyId === undefined) {
        throw new TokenCipherError('Not a v1 token envelope');
      }
      const key = byId.get(keyId);
      if (key === undefined) throw new TokenCipherError(`No decryption key with id "${keyId}"`);
      const iv = strictBase64url(ivText);
      const tag = strictBase64url(tagText);
      const ciphertext = strictBase64url(ciphertextText);
      if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) {
        throw new TokenCipherError('Malformed token envelope');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData(keyId, context));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError('Token envelope failed authentication');
      }
    },
  };
}

// Node's base64url decoder skips characters it does not know; a changed character must not
// decode to the same bytes, so anything outside the alphabet (or a non-canonical tail) is refused.
function strictBase64url(text: string | undefined): Buffer | undefined {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
