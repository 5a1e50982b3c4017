/**
 * The faults, in the order the matrix injects them. Each one is switched on before its load
 * starts (or, for process faults, partway into it) and cleared when the load ends; `allowed`
 * lists the only 5xx answers it may cause, as `<status> <error code>`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CountingSandbox } from '../../scripts/bench/live-infra.js';
import type { Faults, Upstream } from '../../src/sandbox/faults.js';
import { lockArticles } from '../articles-lock.js';
import { confirmOutage } from './probes.js';
import type { ApiServer } from './server.js';
import { SERVER_SETTINGS } from './server.js';
import type { OwnedPostgres, OwnedRedis } from './services.js';

export interface FaultContext {
  sandbox: CountingSandbox;
  /** The server's database, for faults inside it (locks). */
  databaseUrl: string;
  server: ApiServer;
  redis: OwnedRedis;
  postgres: OwnedPostgres;
  /** Notes a fault adds to its row (e.g. how long the restart took). */
  notes: string[];
  /** Measures seconds until the service is whole again (throws past the stated bound). */
  recover(): Promise<number>;
  /** Set by a fault that clears itself during the load and measured recovery from then. */
  recovered?: number;
}

export interface FaultCase {
  name: string;
  /** What recovery means for this fault: which probes must pass (see run-faults.ts). */
  recovery: 'providers' | 'cache' | 'database' | 'restart';
  /** The providers a provider fault hits. */
  upstreams?: readonly Upstream[];
  /**
   * Providers that by design stay paused after this fault clears: recovery then means the
   * search answers without them, and no call reaches them while paused.
   */
  pausedAfter?: readonly Upstream[];
  allowed: readonly string[];
  inject(ctx: FaultContext): Promise<void>;
  /** Runs alongside the load, from its start (process faults time themselves). */
  during?(ctx: FaultContext): Promise<void>;
  clear(ctx: FaultContext): Promise<void>;
}

const PROVIDERS: readonly Upstream[] = ['newsapi', 'guardian', 'reddit'];

/** Beyond the search deadline (and the 4 s per-call timeout): the provider must be cut off. */
const SLOW_MS = SERVER_SETTINGS.searchDeadlineMs + 2000;

const PROVIDER_FAULTS: readonly [string, Faults][] = [
  [`slow ${SLOW_MS / 1000} s`, { latencyMs: SLOW_MS }],
  ['down (connection reset)', { reset: true }],
  ['429 Retry-After 2', { rateLimited: { retryAfterSeconds: 2 } }],
  ['500s', { errorRate: 1 }],
  ['malformed JSON', { malformedJson: true }],
  ['truncated body', { truncatedBody: true }],
  ['wrong shape', { wrongShape: true }],
];

function providerFault(
  upstreams: readonly Upstream[],
  label: string,
  faults: Faults,
  pausedAfter?: readonly Upstream[],
): FaultCase {
  const all = upstreams.length === PROVIDERS.length;
  return {
    name: `${all ? 'all providers' : upstreams.join(', ')}: ${label}`,
    recovery: 'providers',
    upstreams,
    ...(pausedAfter === undefined ? {} : { pausedAfter }),
    // Only when no provider answers may a search fail, and then with the documented 502.
    allowed: all ? ['502 upstream_unavailable'] : [],
    async inject({ sandbox }) {
      for (const upstream of upstreams) sandbox.setFaults(upstream, faults);
    },
    async clear({ sandbox }) {
      for (const upstream of upstreams) sandbox.setFaults(upstream, {});
    },
  };
}

/** Stopped 1.5 s into the load, started again 3 s later; recovery is timed from the start. */
function outage(service: 'redis' | 'postgres'): Pick<FaultCase, 'inject' | 'during' | 'clear'> {
  return {
    async inject() {},
    async during(ctx) {
      await sleep(1500);
      await ctx[service].stop();
      const stopped = performance.now();
      const problem = await confirmOutage(ctx.server.base, service);
      await sleep(3000 - (performance.now() - stopped));
      await ctx[service].start();
      if (problem !== undefined) throw new Error(`outage not seen by /health/ready: ${problem}`);
      ctx.recovered = await ctx.recover();
    },
    async clear() {},
  };
}

const redisOutage: FaultCase = {
  name: 'Redis stopped 3 s (SIGKILL), restarted empty',
  recovery: 'cache',
  allowed: [],
  ...outage('redis'),
};

const postgresOutage: FaultCase = {
  name: 'PostgreSQL stopped 3 s (fast shutdown), restarted',
  recovery: 'database',
  // Without the system of record nothing owned can be read or written: a retryable 503. Searches
  // still answer (from the cache and the upstreams, persisted:false), API keys the server has
  // verified recently still count.
  allowed: ['503 service_unavailable (save)', '503 service_unavailable (history)'],
  ...outage('postgres'),
};

/** How long the articles table stays locked, from 1 s into the load. */
const LOCK_MS = 6000;

/**
 * The write-through stalls instead of failing: a SHARE lock on articles (what a CREATE INDEX
 * without CONCURRENTLY holds) lets reads through and makes every insert and update wait. Misses
 * answer without their write after SEARCH_PERSIST_WAIT_MS; the writes may hold only the search's
 * share of the pool, so saves, history and API-key checks keep their connections (before that
 * share existed, a few misses took all ten and those answered 503 after the pool's 5 s wait).
 */
const articlesLocked: FaultCase = {
  name: `PostgreSQL: writes to articles blocked ${LOCK_MS / 1000} s (a SHARE lock)`,
  recovery: 'database',
  allowed: [],
  async inject() {},
  async during(ctx) {
    await sleep(1000);
    const lock = await lockArticles(ctx.databaseUrl);
    let mostBlocked = 0;
    let read: { status: number; ms: number } | undefined;
    try {
      const locked = performance.now();
      // Once misses have piled up behind the lock: does other database work still get through?
      const reading = sleep(LOCK_MS / 2).then(() => timedRead(ctx.server.base));
      while (performance.now() - locked < LOCK_MS) {
        mostBlocked = Math.max(mostBlocked, await lock.waiting());
        await sleep(100);
      }
      read = await reading;
    } finally {
      await lock.release().catch(() => undefined);
    }
    ctx.recovered = await ctx.recover();
    ctx.notes.push(
      `at most ${mostBlocked} connections waited on the lock; a store search during it: ` +
        `${read.status} in ${Math.round(read.ms)} ms`,
    );
    if (mostBlocked === 0) throw new Error('no write waited on the lock: the fault did nothing');
    const share = Math.max(1, Math.floor(SERVER_SETTINGS.poolMax / 2));
    if (mostBlocked > share) {
      throw new Error(
        `${mostBlocked} connections waited on the lock, more than the search's ${share}`,
      );
    }
    if (read.status !== 200 || read.ms > 1000) {
      throw new Error(`a store search during the lock answered ${read.status} in ${read.ms} ms`);
    }
  },
  async clear() {},
};

/** GET /v1/articles (reads articles, which the lock allows): status and milliseconds. */
async function timedRead(base: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${base}/v1/articles?q=climate&limit=5`, {
    signal: AbortSignal.timeout(LOCK_MS),
  }).catch(() => undefined);
  await res?.arrayBuffer();
  return { status: res?.status ?? 0, ms: performance.now() - started };
}

const sigterm: FaultCase = {
  name: 'SIGTERM during load, restart',
  recovery: 'restart',
  allowed: [],
  async inject() {},
  async during({ server, notes }) {
    await sleep(2000);
    const started = performance.now();
    const exited = new Promise<number | null>((resolve) =>
      server.child.process.once('exit', (code) => resolve(code)),
    );
    server.child.process.kill('SIGTERM');
    const code = await exited;
    const drained = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`server exited with ${code} after SIGTERM, not 0`);
    const restarting = performance.now();
    await server.restart();
    const restarted = (performance.now() - restarting) / 1000;
    notes.push(`exit 0 after ${drained.toFixed(1)} s, ready again ${restarted.toFixed(1)} s later`);
  },
  async clear() {},
};

/**
 * NewsAPI sends no Retry-After and its throttle windows are hours long, so its client pauses for
 * an hour after a 429 (src/providers/newsapi/newsapi.errors.ts). That row comes last: every row
 * after it would otherwise see NewsAPI paused.
 */
const newsApiThrottled = providerFault(
  ['newsapi'],
  '429 (no Retry-After)',
  {
    rateLimited: { retryAfterSeconds: 2 },
  },
  ['newsapi'],
);

/** Every provider fault for each provider, then all at once, then the backing services. */
export function faultPlan(): FaultCase[] {
  return [
    ...PROVIDERS.flatMap((p) =>
      PROVIDER_FAULTS.filter(([label]) => p !== 'newsapi' || !label.startsWith('429')).map(
        ([label, faults]) => providerFault([p], label, faults),
      ),
    ),
    providerFault(PROVIDERS, 'down (connection reset)', { reset: true }),
    redisOutage,
    postgresOutage,
    articlesLocked,
    sigterm,
    newsApiThrottled,
  ];
}
