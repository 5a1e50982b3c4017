/**
 * Fixed-window request counters for the upstreams' own quotas (NewsAPI per day, the Guardian per
 * second and per day, Reddit per 600 s). Windows align to the injected clock's epoch, the way
 * Reddit's reset counts down to the next ten-minute boundary.
 */

export interface Quotas {
  newsapiPerDay: number;
  guardianPerSecond: number;
  guardianPerDay: number;
  redditPerWindow: number;
}

/** The real services' limits (developer tiers; Reddit's 600 requests per 600 s window). */
export const DEFAULT_QUOTAS: Quotas = {
  newsapiPerDay: 100,
  guardianPerSecond: 1,
  guardianPerDay: 500,
  redditPerWindow: 600,
};

export interface WindowState {
  allowed: boolean;
  limit: number;
  /** Requests counted in this window, this one included. */
  used: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface WindowCounter {
  /** Counts a request for `key` and says whether it fits the window's allowance. */
  hit(key: string): WindowState;
  /** The state for `key` without counting a request. */
  peek(key: string): WindowState;
}

/** A counter allowing `limit` requests per `windowMs` per key. */
export function createWindowCounter(
  windowMs: number,
  limit: number,
  now: () => Date,
): WindowCounter {
  const windows = new Map<string, { start: number; count: number }>();
  const state = (key: string, add: number): WindowState => {
    const t = now().getTime();
    const start = Math.floor(t / windowMs) * windowMs;
    let entry = windows.get(key);
    if (entry?.start !== start) {
      entry = { start, count: 0 };
      windows.set(key, entry);
    }
    entry.count += add;
    return {
      allowed: entry.count <= limit,
      limit,
      used: entry.count,
      remaining: Math.max(0, limit - entry.count),
      resetSeconds: Math.max(1, Math.ceil((start + windowMs - t) / 1000)),
    };
  };
  return { hit: (key) => state(key, 1), peek: (key) => state(key, 0) };
}
