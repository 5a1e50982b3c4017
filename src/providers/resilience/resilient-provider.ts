import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { CallContext, Provider, ProviderPage } from '../provider.js';
import { ProviderError, isProviderError, type ProviderErrorKind } from '../provider-error.js';
import type { BudgetStore, BudgetWindow, WindowUsage } from './budget-store.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ProviderStatus {
  id: string;
  displayName: string;
  mode: 'live' | 'sandbox';
  breaker: BreakerState;
  budget: WindowUsage[];
  /** Set after a 429 / quota error: no call is made before this time. */
  pausedUntil: Date | null;
  lastError: { kind: ProviderErrorKind; message: string; at: Date } | null;
  lastSuccessAt: Date | null;
}

/** A Provider guarded by budget, breaker, retries and rate-limit pauses, that reports its state. */
export interface ResilientProvider extends Provider {
  status(): Promise<ProviderStatus>;
}

export interface ResilienceOptions {
  mode: 'live' | 'sandbox';
  budget: { store: BudgetStore; windows: BudgetWindow[] };
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Extra attempts after the first, for retryable failures only. */
  retries: number;
  clock: Clock;
  log: Logger;
}

// Failures that say the upstream is unhealthy. Auth, bad requests, throttling and our own budget
// say nothing about its health, so they never open the circuit.
const UNHEALTHY: ReadonlySet<ProviderErrorKind> = new Set([
  'unavailable',
  'timeout',
  'malformed_response',
]);
// Throttling is answered by pausing until the upstream's reset, not by retrying at once.
const PAUSING: ReadonlySet<ProviderErrorKind> = new Set(['rate_limited', 'quota_exhausted']);
const DEFAULT_PAUSE_MS = 60_000;

/**
 * Wraps a provider: pause check -> retry (jittered exponential back-off, retryable kinds only)
 * -> circuit breaker -> call budget -> the upstream call. Every upstream attempt, retries
 * included, spends budget, and nothing is called once the budget is spent.
 */
export function withResilience(provider: Provider, options: ResilienceOptions): ResilientProvider {
  const { clock, log } = options;
  const breaker = circuitBreaker(
    handleWhen((e) => isProviderError(e) && UNHEALTHY.has(e.kind)),
    {
      halfOpenAfter: options.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
    },
  );
  const retryPolicy = retry(
    handleWhen((e) => isProviderError(e) && e.retryable && !PAUSING.has(e.kind)),
    {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 1000 }),
    },
  );
  const policy = wrap(retryPolicy, breaker);
  let pausedUntil: Date | null = null;
  let lastError: ProviderStatus['lastError'] = null;
  let lastSuccessAt: Date | null = null;

  breaker.onStateChange((state) =>
    log.warn({ provider: provider.id, breaker: breakerState(state) }, 'Provider circuit changed'),
  );

  async function guarded(
    operation: string,
    context: CallContext,
    call: (signal: AbortSignal) => Promise<ProviderPage>,
  ): Promise<ProviderPage> {
    const started = clock.now();
    try {
      if (pausedUntil !== null && started < pausedUntil) {
        throw new ProviderError(
          provider.id,
          'rate_limited',
          'Paused after the upstream throttled us',
          {
            retryAfterMs: pausedUntil.getTime() - started.getTime(),
          },
        );
      }
      // The upstream's own failure in this call, reported rather than "circuit open" when the
      // breaker opens between our retries.
      let attemptError: unknown;
      const page = await policy
        .execute(async ({ signal }) => {
          const now = clock.now();
          const allowed = await options.budget.store.consume(
            provider.id,
            options.budget.windows,
            now,
          );
          if (!allowed) {
            throw new ProviderError(
              provider.id,
              'budget_exhausted',
              'Call budget for this period is spent',
            );
          }
          try {
            return await call(signal);
          } catch (error) {
            attemptError = error;
            throw error;
          }
        }, context.signal)
        .catch((error: unknown) => {
          throw error instanceof BrokenCircuitError && attemptError !== undefined
            ? attemptError
            : error;
        });
      lastSuccessAt = clock.now();
      // Info, like the failure below: the upstream error-rate metric counts both lines.
      log.info(
        {
          provider: provider.id,
          operation,
          count: page.articles.length,
          durationMs: clock.now().getTime() - started.getTime(),
        },
        'Upstream call',
      );
      return page;
    } catch (error) {
      const failure = toProviderError(provider.id, error, context.signal);
      if (PAUSING.has(failure.kind)) {
        const pauseMs = failure.retryAfterMs ?? DEFAULT_PAUSE_MS;
        const until = new Date(clock.now().getTime() + pauseMs);
        if (pausedUntil === null || until > pausedUntil) pausedUntil = until;
      }
      lastError = { kind: failure.kind, message: failure.message, at: clock.now() };
      log.warn(
        {
          provider: provider.id,
          operation,
          kind: failure.kind,
          status: failure.status,
          durationMs: clock.now().getTime() - started.getTime(),
        },
        'Upstream call failed',
      );
      throw failure;
    }
  }

  return {
    id: provider.id,
    displayName: provider.displayName,
    search: (query, context) =>
      guarded('search', context, (signal) => provider.search(query, { signal })),
    top: (query, context) => guarded('top', context, (signal) => provider.top(query, { signal })),
    async status() {
      const now = clock.now();
      return {
        id: provider.id,
        displayName: provider.displayName,
        mode: options.mode,
        breaker: breakerState(breaker.state),
        budget: await options.budget.store.usage(provider.id, options.budget.windows, now),
        pausedUntil: pausedUntil !== null && pausedUntil > now ? pausedUntil : null,
        lastError,
        lastSuccessAt,
      };
    },
  };
}

function toProviderError(provider: string, error: unknown, signal: AbortSignal): ProviderError {
  if (isProviderError(error)) return error;
  if (error instanceof BrokenCircuitError) {
    return new ProviderError(provider, 'circuit_open', 'Skipped: the provider is failing', {
      retryable: false,
    });
  }
  if (error instanceof TaskCancelledError || signal.aborted) {
    return new ProviderError(provider, 'cancelled', 'The caller gave up', { retryable: false });
  }
  return new ProviderError(provider, 'malformed_response', 'Unexpected failure in the client', {
    cause: error,
  });
}

function breakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half_open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}
