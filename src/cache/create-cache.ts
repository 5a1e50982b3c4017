import type { Config } from '../config.js';
import type { Redis } from '../redis/redis-client.js';
import type { Cache } from './cache.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

/** Redis when a connection is configured, else the bounded in-memory cache. */
export function createCache(config: Config, redis: Redis | undefined): Cache {
  return redis === undefined
    ? createMemoryCache({ maxEntries: config.CACHE_MAX_ENTRIES })
    : createRedisCache(redis);
}
