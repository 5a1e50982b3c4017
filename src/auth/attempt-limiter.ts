import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/redis-client.js';

/**
 * Counts failures (wrong passwords, unknown API keys) per key ("login:acct:<email>",
 * "login:ip:<ip>") in a fixed window, and refuses further attempts once a key reaches its
 * limit until the window ends. Shared through Redis when configured, so an attacker cannot
 * spread guesses over instances; a Redis failure falls back to counting in this process rather
 * than letting guesses through uncounted.
 */
export interface AttemptLimiter {
  /** Whether `key` may try now; when not, how long until it may. */
  check(key: string, limit: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Counts one failure against `key`. */
  fail(key: string): Promise<void>;
  /** Forgets `key`'s failures (after a success). */
  reset(key: string): Promise<void>;
}

interface Window {
  count: number;
  resetAt: number;
}

export function createMemoryAttemptLimiter(options: {
  windowMs: number;
  clock: Clock;
}): AttemptLimiter {
  const windows = new LRUCache<string, Window>({ max: 100_000 });
  const current = (key: string): Window | undefined => {
    const window = windows.get(key);
    if (window === undefined || window.resetAt <= options.clock.now().getTime()) return undefined;
    return window;
  };
  return {
    check(key, limit) {
      const window = current(key);
      const now = options.clock.now().getTime();
      if (window === undefined || window.count < limit) {
        return Promise.resolve({ allowed: true, retryAfterMs: 0 });
      }
      return Promise.resolve({ allowed: false, retryAfterMs: window.resetAt - now });
    },
    fail(key) {
      const window = current(key);
      if (window === undefined) {
        windows.set(key, { count: 1, resetAt: options.clock.now().getTime() + options.windowMs });
      } else {
        window.count += 1;
      }
      return Promise.resolve();
    },
    reset(key) {
      windows.delete(key);
      return Promise.resolve();
    },
  };
}

const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

export function createRedisAttemptLimiter(
  redis: Redis,
  options: { windowMs: number; clock: Clock; log: Logger },
): AttemptLimiter {
  const fallback = createMemoryAttemptLimiter(options);
  const redisKey = (key: string) => `newsroom:attempts:${key}`;
  const degraded = (error: unknown) => {
    options.log.warn({ err: error }, 'Attempt limiter fell back to process memory');
  };
  return {
    async check(key, limit) {
      try {
        const [count, ttl] = await Promise.all([
          redis.get(redisKey(key)),
          redis.pttl(redisKey(key)),
        ]);
        const allowed = count === null || Number(count) < limit;
        const local = await fallback.check(key, limit);
        if (!local.allowed) return local;
        return { allowed, retryAfterMs: allowed ? 0 : Math.max(ttl, 1000) };
      } catch (error) {
        degraded(error);
        return fallback.check(key, limit);
      }
    },
    async fail(key) {
      try {
        await redis.eval(FAIL_SCRIPT, 1, redisKey(key), String(options.windowMs));
      } catch (error) {
        degraded(error);
        await fallback.fail(key);
      }
    },
    async reset(key) {
      await fallback.reset(key);
      await redis.del(redisKey(key)).catch(degraded);
    },
  };
}
