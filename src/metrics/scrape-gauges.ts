import { Gauge } from 'prom-client';
import type { PoolStats } from '../db/database.js';
import type { ProviderStatusView } from '../providers/provider-set.js';
import type { Metrics } from './metrics.js';

export interface ScrapeSources {
  /** The PostgreSQL pool's counts now; undefined when the pool is not a pg pool. */
  pool(): PoolStats | undefined;
  providers(): Promise<ProviderStatusView[]>;
  /** Live search's store work holding a connection and waiting for one (search/store-work.ts). */
  storeWork(): { running: number; queued: number };
}

const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;

/**
 * Gauges read when Prometheus scrapes, not kept up to date on every change: DB pool saturation,
 * live search's share of the pool, and per enabled provider the calls left in each budget window
 * and the breaker state (one series per state, 1 for the current one, the usual way to export an
 * enum).
 */
export function registerScrapeGauges(metrics: Pick<Metrics, 'registry'>, sources: ScrapeSources) {
  const registers = [metrics.registry];
  new Gauge({
    name: 'newsroom_db_pool_connections',
    help: 'PostgreSQL pool clients by state: total (open), idle, waiting (queued for a client).',
    labelNames: ['state'],
    registers,
    collect() {
      const stats = sources.pool();
      if (stats === undefined) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'newsroom_db_pool_max',
    help: 'Largest number of clients the PostgreSQL pool opens (DATABASE_POOL_MAX).',
    registers,
    collect() {
      const stats = sources.pool();
      if (stats !== undefined) this.set(stats.max);
    },
  });
  new Gauge({
    name: 'newsroom_search_store_work',
    help: "Live search store work by state: running (holding a PostgreSQL connection), queued (waiting for one of the search's slots).",
    labelNames: ['state'],
    registers,
    collect() {
      const { running, queued } = sources.storeWork();
      this.set({ state: 'running' }, running);
      this.set({ state: 'queued' }, queued);
    },
  });
  new Gauge({
    name: 'newsroom_provider_budget_remaining',
    help: 'Upstream calls left in the current budget window, per provider and window.',
    labelNames: ['provider', 'window'],
    registers,
    async collect() {
      const providers = await sources.providers();
      this.reset();
      for (const provider of providers.filter((p) => p.enabled)) {
        for (const window of provider.budget) {
          this.set({ provider: provider.id, window: window.window }, window.remaining);
        }
      }
    },
  });
  new Gauge({
    name: 'newsroom_provider_breaker_state',
    help: 'Circuit breaker state per provider: 1 for the current state, 0 for the others.',
    labelNames: ['provider', 'state'],
    registers,
    async collect() {
      const providers = await sources.providers();
      this.reset();
      for (const provider of providers.filter((p) => p.enabled)) {
        for (const state of BREAKER_STATES) {
          this.set({ provider: provider.id, state }, provider.breaker === state ? 1 : 0);
        }
      }
    },
  });
}
