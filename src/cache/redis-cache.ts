import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Cache, CacheHealth } from './cache.js';

const KEY_PREFIX = 'newsroom:';

/**
 * Redis-backed cache shared by every instance. The first connection is awaited (bounded by the
 * connect timeout); after that, commands fail fast while Redis is unreachable (no offline queue,
 * one retry) and ioredis reconnects in the background, so an outage turns into cache misses
 * rather than slow or failed requests.
 */
export async function createRedisCache(options: { url: string; log: Logger }): Promise<Cache> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    keyPrefix: KEY_PREFIX,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let lastErrorLogged = 0;
  redis.on('error', (err: Error) => {
    // ioredis emits on every reconnect attempt; one line every 10 s is enough to notice.
    if (Date.now() - lastErrorLogged > 10_000) {
      lastErrorLogged = Date.now();
      options.log.warn(
        { err: { message: err.message } },
        'Redis unavailable; serving without cache',
      );
    }
  });

  await redis.connect().catch(() => undefined); // the error listener has logged it

  return {
    kind: 'redis',
    async get<T>(key: string): Promise<T | undefined> {
      const raw = await redis.get(key).catch(() => null);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
      const ttlMs = Math.max(1, Math.round(ttlSeconds * 1000));
      await redis.set(key, JSON.stringify(value), 'PX', ttlMs).catch(() => undefined);
    },
    async delete(key: string): Promise<void> {
      await redis.del(key).catch(() => undefined);
    },
    async health(): Promise<CacheHealth> {
      try {
        await redis.ping();
        return { status: 'up' };
      } catch (error) {
        return { status: 'degraded', detail: (error as Error).message };
      }
    },
    async close(): Promise<void> {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
