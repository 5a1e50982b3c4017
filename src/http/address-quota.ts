import type { Redis } from '../redis/redis-client.js';

/**
 * Hourly request counts per client address for anonymous calls to costly routes, cheap enough
 * for the cache-hit path of `/v1/search` (which is benchmarked against a bare Fastify route):
 * each request is counted in process memory (a map lookup, no I/O), and once a second the
 * increments since the last sync of the addresses it saw go to Redis in one pipeline (INCRBY per
 * address, 0 for one only refused), whose replies are every instance's totals. So the decision uses "all instances as of the last second plus
 * this instance since", and a burst spread over instances can overshoot by at most one second of
 * their traffic. API keys are counted exactly, per request, elsewhere (rate-limits.ts): a key is
 * an account's quota, an address limit is abuse protection.
 *
 * Windows are clock hours (aligned, so every instance agrees on them without coordination).
 * Without Redis, or while it fails, each instance counts alone.
 */
export interface AddressQuota {
  /** Counts one request from `address`; the quota state after it. */
  take(address: string): QuotaState;
  /** Stops the sync timer (the Redis connection belongs to the caller). */
  close(): void;
}

export interface QuotaState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

interface Counter {
  /** Every instance's count, as Redis reported at the last sync (0 without Redis). */
  shared: number;
  /** This instance's requests not yet sent to Redis. */
  pending: number;
  /** Asked about since the last sync: its shared total is worth refreshing. */
  active: boolean;
}

const HOUR_MS = 3_600_000;
/** Addresses tracked per window; beyond it the least recently seen are forgotten. */
const MAX_ADDRESSES = 200_000;

export function createAddressQuota(options: {
  limit: number;
  redis: Redis | undefined;
  now: () => number;
  log: { warn(fields: object, message: string): void };
  syncMs?: number;
}): AddressQuota {
  let window = Math.floor(options.now() / HOUR_MS);
  let counters = new Map<string, Counter>();
  let syncing = false;

  function roll(now: number): void {
    const current = Math.floor(now / HOUR_MS);
    if (current !== window) {
      window = current;
      counters = new Map();
    }
  }

  async function sync(): Promise<void> {
    const redis = options.redis;
    if (redis === undefined || syncing) return;
    // Addresses this instance counted or refused since the last sync: their increments go out and
    // their totals (other instances' requests included) come back. Idle ones cost nothing.
    const batch = [...counters].filter(([, c]) => c.active);
    if (batch.length === 0) return;
    syncing = true;
    const syncedWindow = window;
    const sent = batch.map(([, c]) => c.pending);
    for (const [, c] of batch) {
      c.pending = 0;
      c.active = false;
    }
    try {
      const pipeline = redis.pipeline();
      for (const [i, [address]] of batch.entries()) {
        const key = `newsroom:address-quota:${String(syncedWindow)}:${address}`;
        pipeline.incrby(key, sent[i] ?? 0).pexpire(key, HOUR_MS + 60_000);
      }
      const replies = (await pipeline.exec()) ?? [];
      if (syncedWindow !== window) return;
      for (const [i, [address, counter]] of batch.entries()) {
        const [error, total] = replies[i * 2] ?? [new Error('no reply'), null];
        if (error === null && typeof total === 'number') counter.shared = total;
        counters.set(address, counter);
      }
    } catch (error) {
      // Counted here alone until Redis answers again; what was not sent is counted locally.
      if (syncedWindow === window) {
        for (const [i, [, counter]] of batch.entries()) counter.shared += sent[i] ?? 0;
      }
      options.log.warn({ err: error }, 'Address quota sync failed');
    } finally {
      syncing = false;
    }
  }

  const timer =
    options.redis === undefined
      ? undefined
      : setInterval(() => void sync(), options.syncMs ?? 1000);
  timer?.unref();

  return {
    take(address) {
      const now = options.now();
      roll(now);
      let counter = counters.get(address);
      if (counter === undefined) {
        if (counters.size >= MAX_ADDRESSES) {
          const oldest = counters.keys().next().value;
          if (oldest !== undefined) counters.delete(oldest);
        }
        counter = { shared: 0, pending: 0, active: false };
        counters.set(address, counter);
      }
      counter.active = true;
      const used = counter.shared + counter.pending;
      const allowed = used < options.limit;
      // A refused request is not counted: it cost nothing, and counting it would let a client
      // that keeps retrying push its own reset further away.
      if (allowed) counter.pending += 1;
      return {
        allowed,
        limit: options.limit,
        remaining: Math.max(0, options.limit - used - (allowed ? 1 : 0)),
        resetMs: (window + 1) * HOUR_MS - now,
      };
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
    },
  };
}
