import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import type { Clock } from '../../clock.js';
import type { Provider, ProviderPage } from '../provider.js';
import { ProviderError, type ProviderErrorKind } from '../provider-error.js';
import { createMemoryBudgetStore, perDay } from './budget-store.js';
import { withResilience } from './resilient-provider.js';

const log = pino({ level: 'silent' });
const page: ProviderPage = { articles: [], totalResults: 0 };

/** A provider whose next answers are scripted; it counts the calls that reach it. */
function scripted(
  answers: (ProviderErrorKind | 'ok' | { kind: ProviderErrorKind; retryAfterMs: number })[],
) {
  let calls = 0;
  const provider: Provider = {
    id: 'upstream',
    displayName: 'Upstream',
    search: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer === 'ok' || answer === undefined) return page;
      const kind = typeof answer === 'string' ? answer : answer.kind;
      const retryAfterMs = typeof answer === 'string' ? undefined : answer.retryAfterMs;
      throw new ProviderError('upstream', kind, kind, { retryAfterMs });
    },
    top: async () => page,
  };
  return { provider, calls: () => calls };
}

function clockAt(start: Date): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const options = (
  overrides: { limit?: number; failures?: number; halfOpenAfterMs?: number; clock?: Clock } = {},
) => ({
  mode: 'sandbox' as const,
  budget: { store: createMemoryBudgetStore(), windows: [perDay(overrides.limit ?? 1000)] },
  breaker: {
    consecutiveFailures: overrides.failures ?? 3,
    halfOpenAfterMs: overrides.halfOpenAfterMs ?? 60_000,
  },
  retries: 2,
  clock: overrides.clock ?? clockAt(new Date('2026-11-27T10:00:00Z')),
  log,
});
const query = { q: 'rates', pageSize: 10 };
const ctx = () => ({ signal: AbortSignal.timeout(10_000) });

describe('withResilience', () => {
  it('retries a retryable failure and succeeds', async () => {
    const upstream = scripted(['unavailable', 'ok']);
    const guarded = withResilience(upstream.provider, options());
    assert.deepEqual(await guarded.search(query, ctx()), page);
    assert.equal(upstream.calls(), 2);
  });

  it('does not retry failures that repeating cannot fix', async () => {
    for (const kind of ['auth', 'bad_request', 'results_cap'] as const) {
      const upstream = scripted([kind]);
      const guarded = withResilience(upstream.provider, options());
      await assert.rejects(guarded.search(query, ctx()), { kind });
      assert.equal(upstream.calls(), 1, kind);
    }
  });

  it('opens the circuit after consecutive failures and then skips the upstream', async () => {
    const upstream = scripted(['unavailable']);
    const guarded = withResilience(upstream.provider, options({ failures: 3 }));
    await assert.rejects(guarded.search(query, ctx()), { kind: 'unavailable' });
    const callsWhenOpened = upstream.calls();
    assert.equal(callsWhenOpened, 3, 'first call and two retries');
    assert.equal((await guarded.status()).breaker, 'open');
    await assert.rejects(guarded.search(query, ctx()), { kind: 'circuit_open' });
    assert.equal(upstream.calls(), callsWhenOpened, 'no call while open');
  });

  it('lets a probe through after the half-open delay and closes on success', async () => {
    const upstream = scripted(['timeout', 'timeout', 'timeout', 'ok']);
    const guarded = withResilience(
      upstream.provider,
      options({ failures: 3, halfOpenAfterMs: 50 }),
    );
    await assert.rejects(guarded.search(query, ctx()), { kind: 'timeout' });
    assert.equal((await guarded.status()).breaker, 'open');
    await sleep(80);
    assert.deepEqual(await guarded.search(query, ctx()), page);
    assert.equal((await guarded.status()).breaker, 'closed');
  });

  it('pauses after a 429 for Retry-After, without calling the upstream, then resumes', async () => {
    const clock = clockAt(new Date('2026-11-27T10:00:00Z'));
    const upstream = scripted([{ kind: 'rate_limited', retryAfterMs: 30_000 }, 'ok']);
    const guarded = withResilience(upstream.provider, options({ clock }));
    await assert.rejects(guarded.search(query, ctx()), { kind: 'rate_limited' });
    assert.equal(upstream.calls(), 1, 'a 429 is not retried at once');
    await assert.rejects(guarded.search(query, ctx()), { kind: 'rate_limited' });
    assert.equal(upstream.calls(), 1, 'paused: no call');
    const status = await guarded.status();
    assert.equal(status.pausedUntil?.toISOString(), '2026-11-27T10:00:30.000Z');
    assert.equal(status.lastError?.kind, 'rate_limited');
    clock.advance(30_001);
    assert.deepEqual(await guarded.search(query, ctx()), page);
    assert.equal((await guarded.status()).pausedUntil, null);
  });

  it('never calls past the budget, retries included, even with concurrent callers', async () => {
    const upstream = scripted(['unavailable', 'ok']);
    const guarded = withResilience(upstream.provider, options({ limit: 5, failures: 100 }));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => guarded.search(query, ctx())),
    );
    assert.equal(upstream.calls(), 5);
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as ProviderError).kind === 'budget_exhausted',
    );
    assert.ok(refused.length >= 15);
    const [usage] = (await guarded.status()).budget;
    assert.equal(usage?.remaining, 0);
  });

  it('gives up when the caller’s deadline passes', async () => {
    const slow: Provider = {
      id: 'slow',
      displayName: 'Slow',
      search: (_q, { signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () =>
            reject(new ProviderError('slow', 'cancelled', 'gave up')),
          ),
        ),
      top: async () => page,
    };
    const guarded = withResilience(slow, options());
    // A ref'd timer (AbortSignal.timeout is unref'd and would let the test's event loop end).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 50);
    await assert.rejects(guarded.search(query, { signal: controller.signal }), {
      kind: 'cancelled',
    });
    clearTimeout(timer);
  });
});
