import type { Clock } from '../../clock.js';
import { ProviderError } from '../provider-error.js';
import { PROVIDER } from './reddit.http.js';

/**
 * Reddit's own budget, as it reports it on every oauth.reddit.com response (§3.8): `used` and
 * `remaining` requests in a window ending `reset` seconds from now. The limit differs by client
 * and era (600 or 300 per 10 minutes), so nothing here is hard-coded: we believe the headers.
 */
export interface RateLimitGate {
  /** Reserves one request, or throws `rate_limited` when the window's budget is spent. */
  acquire(): void;
  /** Updates the budget from a response's headers. */
  record(headers: Headers): void;
  /** Refuses calls for `ms` (a 429's Retry-After). */
  block(ms: number): void;
  /** The budget as last reported (minus reservations), or undefined when unknown or expired. */
  snapshot(): RateLimitSnapshot | undefined;
}

export interface RateLimitSnapshot {
  used: number | null;
  remaining: number;
  resetInMs: number;
}

interface Window {
  used: number | null;
  remaining: number;
  resetAt: number;
}

// prawcore waits at least a second when the budget is spent, even if reset says 0.
const MIN_WAIT_MS = 1000;

/** A gate for one client id's budget; share one per client. */
export function createRateLimitGate(clock: Clock): RateLimitGate {
  let window: Window | undefined;
  let blockedUntil = 0;

  const current = (now: number): Window | undefined => {
    if (window !== undefined && now >= window.resetAt) window = undefined;
    return window;
  };

  return {
    acquire() {
      const now = clock.now().getTime();
      const known = current(now);
      const until = Math.max(
        blockedUntil,
        known !== undefined && known.remaining <= 0 ? known.resetAt : 0,
      );
      if (until > now) {
        throw new ProviderError(PROVIDER, 'rate_limited', 'Reddit request budget spent for now', {
          retryAfterMs: until - now,
        });
      }
      // Counted before the answer so concurrent callers don't all spend the last request.
      if (known !== undefined) known.remaining -= 1;
    },

    record(headers) {
      const now = clock.now().getTime();
      const remaining = Number.parseFloat(headers.get('x-ratelimit-remaining') ?? '');
      const reset = Number.parseFloat(headers.get('x-ratelimit-reset') ?? '');
      // Errors and CDN-cached answers carry no headers; the reservation in acquire() stands.
      if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
      const used = Number.parseInt(headers.get('x-ratelimit-used') ?? '', 10);
      const resetMs = Math.max(reset * 1000, remaining <= 0 ? MIN_WAIT_MS : 0);
      window = { used: Number.isFinite(used) ? used : null, remaining, resetAt: now + resetMs };
    },

    block(ms) {
      blockedUntil = Math.max(blockedUntil, clock.now().getTime() + Math.max(ms, MIN_WAIT_MS));
    },

    snapshot() {
      const now = clock.now().getTime();
      const known = current(now);
      if (known === undefined) return undefined;
      return { used: known.used, remaining: known.remaining, resetInMs: known.resetAt - now };
    },
  };
}
