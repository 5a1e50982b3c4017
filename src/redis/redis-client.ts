import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export type { Redis };

/**
 * One ioredis connection per process, shared by the cache and the call budgets. The first
 * connection is awaited (bounded by the connect timeout); after that, commands fail fast while
 * Redis is unreachable (no offline queue, one retry) and ioredis reconnects in the background,
 * so an outage degrades features instead of stalling requests.
 */
export async function createRedisClient(options: { url: string; log: Logger }): Promise<Redis> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
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
      options.log.warn({ err: { message: err.message } }, 'Redis unavailable; degrading');
    }
  });
  await redis.connect().catch(() => undefined); // the error listener has logged it
  return redis;
}

/** Closes politely, or drops the connection when Redis is not answering. */
export async function closeRedis(redis: Redis): Promise<void> {
  await redis.quit().catch(() => redis.disconnect());
}
