import { LRUCache } from 'lru-cache';
import { hashSecret, newSecret } from '../auth/secret-token.js';
import type { ApiKeyVerifier } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError } from '../errors.js';
import type { ApiKey, CreatedApiKey } from './api-key.js';
import {
  insertApiKeyWithinLimit,
  listApiKeys,
  revokeApiKey,
  useApiKey,
} from './api-key.repository.js';

export interface ApiKeyService extends ApiKeyVerifier {
  create(userId: string, name: string): Promise<CreatedApiKey>;
  list(userId: string): Promise<ApiKey[]>;
  revoke(userId: string, id: string): Promise<ApiKey>;
}

/** Every key starts with this, so leaked keys are easy to find (secret scanners, logs). */
export const API_KEY_PREFIX = 'nrk_';
/** Characters of the key kept in clear for listings: the fixed prefix and 8 random ones. */
const VISIBLE_CHARS = API_KEY_PREFIX.length + 8;
const MAX_KEY_LENGTH = 200;
/** Live keys one user may hold; a program needs a few, not hundreds. */
export const MAX_LIVE_API_KEYS = 25;
/** Revoked keys kept per user (so the list explains what stopped); older ones are forgotten. */
const REVOKED_KEYS_KEPT = 25;
/**
 * While PostgreSQL cannot be reached, a key this process verified within this long still counts
 * (searches answer from the cache and the upstreams meanwhile). Never used while it can be
 * reached, so a revocation takes effect at once; during an outage nobody can revoke anyway, and
 * a key revoked on another instance just before one is trusted here until this runs out.
 */
const TRUSTED_DURING_OUTAGE_MS = 10 * 60_000;

type VerifiedKey = NonNullable<Awaited<ReturnType<ApiKeyVerifier['verify']>>>;

export function createApiKeyService(deps: { db: Db; clock: Clock }): ApiKeyService {
  const { db, clock } = deps;
  // Key hash (hex) -> the key's owner and when the store last confirmed it.
  const lastVerified = new LRUCache<string, { key: VerifiedKey; at: number }>({ max: 10_000 });
  return {
    async create(userId, name) {
      const trimmed = name.trim();
      if (trimmed === '') throw new AppError('validation_failed', 'body/name must not be blank');
      const key = newSecret(API_KEY_PREFIX);
      const created = await insertApiKeyWithinLimit(
        db,
        { userId, name: trimmed, prefix: key.slice(0, VISIBLE_CHARS), keyHash: hashSecret(key) },
        { live: MAX_LIVE_API_KEYS, revokedKept: REVOKED_KEYS_KEPT },
      );
      if (created === undefined) {
        throw new AppError(
          'api_key_limit_reached',
          `You already have ${MAX_LIVE_API_KEYS} API keys; revoke one before creating another`,
        );
      }
      return { ...created, key };
    },

    list(userId) {
      return listApiKeys(db, userId);
    },

    async revoke(userId, id) {
      // Another user's key and a key that does not exist answer the same: nothing leaks.
      const revoked = /^\d{1,18}$/.test(id)
        ? await revokeApiKey(db, userId, id, clock.now())
        : undefined;
      if (revoked === undefined) throw new AppError('api_key_not_found', `No API key ${id}`);
      for (const [hash, { key }] of lastVerified.entries()) {
        if (key.apiKeyId === revoked.id) lastVerified.delete(hash);
      }
      return revoked;
    },

    async verify(rawKey) {
      if (!rawKey.startsWith(API_KEY_PREFIX) || rawKey.length > MAX_KEY_LENGTH) return undefined;
      const hash = hashSecret(rawKey);
      const cacheKey = hash.toString('hex');
      const now = clock.now();
      try {
        const key = await useApiKey(db, hash, now);
        if (key === undefined) lastVerified.delete(cacheKey);
        else lastVerified.set(cacheKey, { key, at: now.getTime() });
        return key;
      } catch (error) {
        const known = lastVerified.get(cacheKey);
        const trusted = known !== undefined && now.getTime() - known.at <= TRUSTED_DURING_OUTAGE_MS;
        if (trusted && isDatabaseUnavailable(error)) return known.key;
        throw error;
      }
    },
  };
}
