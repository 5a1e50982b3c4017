/**
 * Phase 3, single flight: many identical searches at once that all miss. Exactly one fan-out
 * should reach the upstreams; everyone else waits for its result.
 */
import { delta, scrapeCounter } from './live-metrics.js';
import type { CountedUpstream } from './live-infra.js';

export const FLIGHT_QUERY = 'drought OR wildfire';

export interface FlightResult {
  requests: number;
  statuses: Map<number, number>;
  /** Distinct response bodies among the 200s (1 when everyone got the same result). */
  distinctBodies: number;
  /** From the server's /metrics: newsroom_provider_outcomes_total delta per provider. */
  serverCounted: Map<string, number>;
  /** newsroom_search_cache_total delta per result (miss, shared, hit). */
  cacheResults: Map<string, number>;
  /** From the sandbox's own request counter. */
  sandboxCounted: Record<CountedUpstream, number>;
  wallMs: number;
}

/** Fires `concurrency` identical requests at once (one connection each) and counts. */
export async function singleFlightPhase(
  base: string,
  concurrency: number,
  sandboxCounts: () => Record<CountedUpstream, number>,
): Promise<FlightResult> {
  const outcomesBefore = await scrapeCounter(base, 'newsroom_provider_outcomes_total', 'provider');
  const cacheBefore = await scrapeCounter(base, 'newsroom_search_cache_total', 'result');
  const sandboxBefore = sandboxCounts();

  const url = `${base}/v1/search?${new URLSearchParams({ q: FLIGHT_QUERY }).toString()}`;
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const res = await fetch(url);
      return { status: res.status, body: await res.text() };
    }),
  );
  const wallMs = performance.now() - started;

  const sandboxAfter = sandboxCounts();
  const statuses = new Map<number, number>();
  for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const sandboxCounted = { ...sandboxAfter };
  for (const key of Object.keys(sandboxAfter) as CountedUpstream[]) {
    sandboxCounted[key] = sandboxAfter[key] - sandboxBefore[key];
  }
  return {
    requests: concurrency,
    statuses,
    distinctBodies: new Set(answers.filter((a) => a.status === 200).map((a) => a.body)).size,
    serverCounted: delta(
      outcomesBefore,
      await scrapeCounter(base, 'newsroom_provider_outcomes_total', 'provider'),
    ),
    cacheResults: delta(
      cacheBefore,
      await scrapeCounter(base, 'newsroom_search_cache_total', 'result'),
    ),
    sandboxCounted,
    wallMs,
  };
}
