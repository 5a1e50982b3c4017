/**
 * Phase 2, cache miss: sequential searches nobody made before. The upstreams' time is the slowest
 * provider's `durationMs` (the fan-out waits for it); whatever the request took beyond that is
 * ours: routing, fan-out bookkeeping, adapting, dedup, scoring, the write-through, the cache
 * writes and serialisation.
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { percentile } from './live-load.js';

/**
 * Words frequent in the sandbox corpus's headlines: Reddit matches titles only (link posts have no
 * text), so these are what makes it return a full page. OR-triples of them give every provider
 * plenty (the Guardian's page is capped at 50 by its API).
 */
const WORDS = [
  'record',
  'border',
  'talks',
  'disaster',
  'strikes',
  'england',
  'exports',
  'farmers',
  'peace',
  'inflation',
  'energy',
  'ceasefire',
  'coalition',
  'protests',
] as const;

interface Outcome {
  provider: string;
  status: string;
  count: number;
  durationMs: number;
}

export interface MissSample {
  q: string;
  /** Milliseconds, as the client saw it (request sent to last body byte). */
  latency: number;
  /** As the server logged it (reply.elapsedTime); NaN when the line was not found. */
  serverLatency: number;
  slowestProvider: number;
  /** Articles the providers returned, and what was left after dedup. */
  fetched: number;
  results: number;
  providers: Outcome[];
}

export interface Spread {
  p50: number;
  /** Says whether the worst few stand alone. */
  p90: number;
  /** Nearest rank: of 200 samples the third worst (of 40 it would be the worst). */
  p99: number;
  max: number;
}

export interface MissResult {
  samples: MissSample[];
  latency: Spread;
  /** Client latency minus the slowest provider: the figure the goal is about. */
  overhead: Spread;
  /** The same from the server's own log line, without the client's share. */
  serverOverhead: Spread;
  meanFetched: number;
  meanResults: number;
  /** Mean articles per provider, to check each one found about a full page. */
  perProvider: Map<string, number>;
}

/**
 * `count` distinct queries (at most 364): OR-triples of broad words, so each provider finds a full
 * page. Redis is flushed at the start of a run, so none of them is cached.
 */
export function missQueries(count: number): string[] {
  const triples: string[] = [];
  for (const [i, a] of WORDS.entries()) {
    for (const [j, b] of WORDS.entries()) {
      if (j <= i) continue;
      for (const c of WORDS.slice(j + 1)) triples.push(`${a} OR ${b} OR ${c}`);
    }
  }
  return triples.slice(0, count);
}

/** Runs the queries one after the other and reads the server's own timings from its log. */
export async function cacheMissPhase(
  base: string,
  queries: readonly string[],
  logFile: string,
): Promise<MissResult> {
  const logStart = statSync(logFile).size;
  const samples: MissSample[] = [];
  for (const q of queries) samples.push(await oneMiss(base, q));
  const serverTimes = serverDurations(logFile, logStart);
  for (const s of samples) s.serverLatency = serverTimes.get(searchPath(s.q)) ?? Number.NaN;

  const stats = (values: number[]): Spread => {
    const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? NaN,
    };
  };
  const perProvider = new Map<string, number>();
  for (const outcome of samples.flatMap((s) => s.providers)) {
    const sum = (perProvider.get(outcome.provider) ?? 0) + outcome.count / samples.length;
    perProvider.set(outcome.provider, sum);
  }
  return {
    samples,
    latency: stats(samples.map((s) => s.latency)),
    overhead: stats(samples.map((s) => s.latency - s.slowestProvider)),
    serverOverhead: stats(samples.map((s) => s.serverLatency - s.slowestProvider)),
    meanFetched: mean(samples.map((s) => s.fetched)),
    meanResults: mean(samples.map((s) => s.results)),
    perProvider,
  };
}

function searchPath(q: string): string {
  return `/v1/search?${new URLSearchParams({ q }).toString()}`;
}

async function oneMiss(base: string, q: string): Promise<MissSample> {
  const started = performance.now();
  const res = await fetch(`${base}${searchPath(q)}`);
  const text = await res.text();
  const latency = performance.now() - started;
  if (!res.ok) throw new Error(`search "${q}" answered ${res.status}: ${text.slice(0, 300)}`);
  if (res.headers.get('x-cache') !== 'MISS') throw new Error(`search "${q}" was not a miss`);
  const body = JSON.parse(text) as { total: number; providers: Outcome[] };
  return {
    q,
    latency,
    serverLatency: Number.NaN,
    slowestProvider: Math.max(...body.providers.map((p) => p.durationMs)),
    fetched: body.providers.reduce((sum, p) => sum + p.count, 0),
    results: body.total,
    providers: body.providers,
  };
}

/** url -> durationMs of the request lines (completed or errored) written after byte `from`. */
function serverDurations(logFile: string, from: number): Map<string, number> {
  const text = readFileSync(logFile).subarray(from).toString('utf8');
  const durations = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.includes('"durationMs"')) continue;
    try {
      const entry = JSON.parse(line) as { url?: unknown; durationMs?: unknown };
      if (typeof entry.url === 'string' && typeof entry.durationMs === 'number') {
        durations.set(entry.url, entry.durationMs);
      }
    } catch {
      // A torn or foreign line: skip it.
    }
  }
  return durations;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
