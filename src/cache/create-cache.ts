import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Cache } from './cache.js';
import { createMemoryCache } from './memory-cache.js';
import { createRedisCache } from './redis-cache.js';

/** Redis when REDIS_URL is set, else the bounded in-memory cache. */
export async function createCache(config: Config, log: Logger): Promise<Cache> {
  return config.REDIS_URL === undefined
    ? createMemoryCache({ maxEntries: config.CACHE_MAX_ENTRIES })
    : createRedisCache({ url: config.REDIS_URL, log });
}
