import { LRUCache } from 'lru-cache';
import type { Cache, CacheHealth } from './cache.js';

/**
 * In-process cache for single-instance and zero-config runs: bounded in entries (least recently
 * used evicted first) and TTL-aware. Values are stored serialised so callers can never mutate a
 * cached object through a shared reference, exactly as with Redis: as text, or as a copy of the
 * bytes setRaw was given. getBytes hands those bytes out without copying (a response sends them
 * as they are); the contract forbids writing into them.
 */
export function createMemoryCache(options: { maxEntries: number }): Cache {
  const store = new LRUCache<string, string | Buffer>({
    max: options.maxEntries,
    ttlAutopurge: false,
  });
  const text = (key: string): string | undefined => {
    const raw = store.get(key);
    return typeof raw === 'string' || raw === undefined ? raw : raw.toString('utf8');
  };
  return {
    kind: 'memory',
    get<T>(key: string): Promise<T | undefined> {
      const raw = text(key);
      return Promise.resolve(raw === undefined ? undefined : (JSON.parse(raw) as T));
    },
    set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
      store.set(key, JSON.stringify(value), { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
      return Promise.resolve();
    },
    getRaw(key: string): Promise<string | undefined> {
      return Promise.resolve(text(key));
    },
    getBytes(key: string): Promise<Buffer | undefined> {
      const raw = store.get(key);
      return Promise.resolve(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
    },
    setRaw(key: string, value: string | Buffer, ttlSeconds: number): Promise<void> {
      const stored = typeof value === 'string' ? value : Buffer.from(value);
      store.set(key, stored, { ttl: Math.max(1, Math.round(ttlSeconds * 1000)) });
      return Promise.resolve();
    },
    delete(key: string): Promise<void> {
      store.delete(key);
      return Promise.resolve();
    },
    health: (): Promise<CacheHealth> => Promise.resolve({ status: 'up' }),
    close(): Promise<void> {
      store.clear();
      return Promise.resolve();
    },
  };
}
