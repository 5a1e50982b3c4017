import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics, one registry per process (tests build their own). Counted at boundaries:
 * HTTP requests, cache lookups (single-flight joins are result="shared"), upstream calls and
 * fan-out outcomes, store writes. The default metrics include event-loop lag
 * (newsroom_nodejs_eventloop_lag_*). State read at scrape time (pool, budgets, breakers) is
 * registered by registerScrapeGauges.
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  searchCache: Counter<'result'>;
  providerOutcomes: Counter<'provider' | 'status'>;
  persistFailures: Counter;
  persistTimeouts: Counter;
  /** Live search store work skipped because its share of the pool was busy and its queue full. */
  storeShed: Counter<'work'>;
  /** Every upstream attempt (retries included) by provider and outcome: ok or the error kind. */
  upstreamDuration: Histogram<'provider' | 'outcome'>;
}

/** A fresh registry with the process's default metrics and ours. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsroom_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'newsroom_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    searchCache: new Counter({
      name: 'newsroom_search_cache_total',
      help: 'Live search cache lookups by result (hit, miss, shared: a single-flight join).',
      labelNames: ['result'],
      registers: [registry],
    }),
    providerOutcomes: new Counter({
      name: 'newsroom_provider_outcomes_total',
      help: 'Per-provider results of live search fan-outs by status.',
      labelNames: ['provider', 'status'],
      registers: [registry],
    }),
    persistFailures: new Counter({
      name: 'newsroom_search_persist_failures_total',
      help: 'Provider pages of live search results that could not be written to PostgreSQL.',
      registers: [registry],
    }),
    persistTimeouts: new Counter({
      name: 'newsroom_search_persist_timeouts_total',
      help: 'Live searches answered without their write-through because PostgreSQL was slow.',
      registers: [registry],
    }),
    storeShed: new Counter({
      name: 'newsroom_search_store_shed_total',
      help: "Live search store work (write: a provider page's write-through; lookup: its known entities) skipped because the search's share of the PostgreSQL pool was busy and its queue full.",
      labelNames: ['work'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'newsroom_upstream_call_duration_seconds',
      help: 'Upstream HTTP calls by provider and outcome (ok, or the provider error kind).',
      labelNames: ['provider', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8],
      registers: [registry],
    }),
  };
}
