import { performance } from 'node:perf_hooks';

export interface RunResult {
  concurrency: number;
  queries: number;
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Longest a single class/concurrency run may take, so the benchmark always ends. */
const MAX_RUN_MS = 120_000;

/**
 * Runs `total` calls of `call(i)` with `concurrency` in flight (closed loop: each client sends its
 * next call when the previous one answered) and returns the latency percentiles.
 */
export async function measure(
  total: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    while (next < total && performance.now() - started < MAX_RUN_MS) {
      const i = next;
      next += 1;
      const t0 = performance.now();
      try {
        await call(i);
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    queries: latencies.length,
    errors,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    perSecond: (latencies.length / elapsed) * 1000,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
