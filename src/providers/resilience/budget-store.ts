import type { Logger } from '../../logger.js';
import type { Redis } from '../../redis/redis-client.js';

/** One fixed window of a call budget: at most `limit` calls per `windowMs`, aligned to the epoch. */
export interface BudgetWindow {
  name: 'second' | 'minute' | 'hour' | 'day';
  windowMs: number;
  limit: number;
}

export interface WindowUsage {
  window: BudgetWindow['name'];
  limit: number;
  used: number;
  remaining: number;
  resetAt: Date;
}

/**
 * Counts calls per window. `consume` is all-or-nothing across windows: a call is allowed only if
 * every window has room, and then counts in every window, atomically, so concurrent callers can
 * never push a window past its limit.
 */
export interface BudgetStore {
  readonly kind: 'memory' | 'redis';
  consume(provider: string, windows: BudgetWindow[], now: Date): Promise<boolean>;
  usage(provider: string, windows: BudgetWindow[], now: Date): Promise<WindowUsage[]>;
}

/** Redis key (or map key) of a window's counter at `now`. */
export function windowKey(provider: string, window: BudgetWindow, now: Date): string {
  return `newsroom:budget:${provider}:${window.name}:${Math.floor(now.getTime() / window.windowMs)}`;
}

export function windowResetAt(window: BudgetWindow, now: Date): Date {
  const index = Math.floor(now.getTime() / window.windowMs);
  return new Date((index + 1) * window.windowMs);
}

/** In-process counters: exact for one instance (JavaScript runs consume() without interleaving). */
export function createMemoryBudgetStore(): BudgetStore {
  const counts = new Map<string, { count: number; expiresAt: number }>();
  const read = (key: string, now: Date) => {
    const entry = counts.get(key);
    return entry === undefined || entry.expiresAt <= now.getTime() ? 0 : entry.count;
  };
  return {
    kind: 'memory',
    consume(provider, windows, now) {
      for (const [key, entry] of counts) if (entry.expiresAt <= now.getTime()) counts.delete(key);
      const keys = windows.map((w) => windowKey(provider, w, now));
      if (windows.some((w, i) => read(keys[i] ?? '', now) >= w.limit))
        return Promise.resolve(false);
      windows.forEach((w, i) => {
        const key = keys[i] ?? '';
        counts.set(key, { count: read(key, now) + 1, expiresAt: windowResetAt(w, now).getTime() });
      });
      return Promise.resolve(true);
    },
    usage(provider, windows, now) {
      return Promise.resolve(
        windows.map((w) => usageOf(w, read(windowKey(provider, w, now), now), now)),
      );
    },
  };
}

// Checks every window, then increments every window, in one atomic script.
const CONSUME_SCRIPT = `
for i = 1, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used >= tonumber(ARGV[i * 2 - 1]) then return 0 end
end
for i = 1, #KEYS do
  local used = redis.call('INCR', KEYS[i])
  if used == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[i * 2]) end
end
return 1`;

/**
 * Counters in Redis, shared by every instance. If Redis stops answering, this instance falls back
 * to counting locally (logged), so calls keep being limited; with several instances the shared
 * budget can then be exceeded by up to one local budget per instance until Redis returns.
 */
export function createRedisBudgetStore(redis: Redis, log: Logger): BudgetStore {
  const fallback = createMemoryBudgetStore();
  const degraded = (error: unknown) =>
    log.warn(
      { err: { message: (error as Error).message } },
      'Budget store unavailable; counting locally',
    );
  return {
    kind: 'redis',
    async consume(provider, windows, now) {
      const keys = windows.map((w) => windowKey(provider, w, now));
      const args = windows.flatMap((w) => [
        String(w.limit),
        String(windowResetAt(w, now).getTime() - now.getTime() + 1000),
      ]);
      try {
        const allowed = await redis.eval(CONSUME_SCRIPT, keys.length, ...keys, ...args);
        return allowed === 1;
      } catch (error) {
        degraded(error);
        return fallback.consume(provider, windows, now);
      }
    },
    async usage(provider, windows, now) {
      try {
        const values = await redis.mget(...windows.map((w) => windowKey(provider, w, now)));
        return windows.map((w, i) => usageOf(w, Number(values[i] ?? 0), now));
      } catch {
        return fallback.usage(provider, windows, now);
      }
    },
  };
}

function usageOf(window: BudgetWindow, used: number, now: Date): WindowUsage {
  return {
    window: window.name,
    limit: window.limit,
    used,
    remaining: Math.max(0, window.limit - used),
    resetAt: windowResetAt(window, now),
  };
}

/** Window helpers for registrations: `perDay(100)`, `perSecond(1)`. */
export const perSecond = (limit: number): BudgetWindow => ({
  name: 'second',
  windowMs: 1000,
  limit,
});
export const perMinute = (limit: number): BudgetWindow => ({
  name: 'minute',
  windowMs: 60_000,
  limit,
});
export const perDay = (limit: number): BudgetWindow => ({
  name: 'day',
  windowMs: 86_400_000,
  limit,
});
