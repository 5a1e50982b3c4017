/**
 * Reads the server's own GET /metrics (prom-client's process and Node.js defaults plus the pool
 * gauges) every `everyMs` and folds the readings into one sample per window: memory at the end
 * of the window, the lowest heap-used seen in it (the closest a scrape gets to "after GC"),
 * the worst event-loop delay and the pool's state.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Sample {
  /** Seconds since sampling started (end of the window). */
  at: number;
  rssMb: number;
  heapUsedMb: number;
  /** Lowest heap used among the window's readings. */
  heapFloorMb: number;
  /** Worst p99 and max event-loop delay among the window's readings (prom-client resets them). */
  lagP99Ms: number;
  lagMaxMs: number;
  poolTotal: number;
  poolIdle: number;
  /** Highest number of queries waiting for a pool client among the window's readings. */
  poolWaitingMax: number;
}

type Reading = Record<string, number>;

const WANTED: Record<string, string> = {
  newsroom_process_resident_memory_bytes: 'rss',
  newsroom_nodejs_heap_size_used_bytes: 'heap',
  newsroom_nodejs_eventloop_lag_p99_seconds: 'lagP99',
  newsroom_nodejs_eventloop_lag_max_seconds: 'lagMax',
  'newsroom_db_pool_connections{state="total"}': 'poolTotal',
  'newsroom_db_pool_connections{state="idle"}': 'poolIdle',
  'newsroom_db_pool_connections{state="waiting"}': 'poolWaiting',
};

async function read(base: string): Promise<Reading> {
  const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  const reading: Reading = {};
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    const name = WANTED[line.slice(0, space)];
    if (name !== undefined) reading[name] = Number(line.slice(space + 1));
  }
  for (const name of Object.values(WANTED)) {
    if (reading[name] === undefined) throw new Error(`/metrics has no ${name}`);
  }
  return reading;
}

const MB = 1024 * 1024;

/** The pool's counts right now. */
export async function poolNow(base: string) {
  const r = await read(base);
  return {
    total: r.poolTotal ?? Number.NaN,
    idle: r.poolIdle ?? Number.NaN,
    waiting: r.poolWaiting ?? Number.NaN,
  };
}

/** Samples until `until` resolves; resolves with one sample per `windowMs`. */
export async function sample(
  base: string,
  until: Promise<unknown>,
  windowMs = 10_000,
  everyMs = 2000,
): Promise<Sample[]> {
  let done = false;
  void until.finally(() => (done = true));
  const samples: Sample[] = [];
  const started = performance.now();
  let window: Reading[] = [];
  while (!done) {
    await sleep(everyMs);
    window.push(await read(base));
    const elapsed = performance.now() - started;
    if (elapsed >= (samples.length + 1) * windowMs) {
      samples.push(fold(window, elapsed / 1000));
      window = [];
    }
  }
  return samples;
}

function fold(readings: Reading[], at: number): Sample {
  const last = readings.at(-1) ?? {};
  const all = (name: string) => readings.map((r) => r[name] ?? Number.NaN);
  return {
    at,
    rssMb: (last.rss ?? Number.NaN) / MB,
    heapUsedMb: (last.heap ?? Number.NaN) / MB,
    heapFloorMb: Math.min(...all('heap')) / MB,
    lagP99Ms: Math.max(...all('lagP99')) * 1000,
    lagMaxMs: Math.max(...all('lagMax')) * 1000,
    poolTotal: last.poolTotal ?? Number.NaN,
    poolIdle: last.poolIdle ?? Number.NaN,
    poolWaitingMax: Math.max(...all('poolWaiting')),
  };
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}
