import type { Logger } from '../../logger.js';
import type { EnrichmentService } from './enrichment.service.js';

/**
 * Articles waiting to be enriched in this process, off the request path: bounded (ids beyond
 * `capacity` are dropped and left to the sweep), deduplicated, taken in batches, one batch at a
 * time. Nothing here is durable: what a process did not get to is found by the next sweep.
 */
export interface EnrichmentQueue {
  /** Adds articles to enrich; a no-op once closed. */
  enqueue(articleIds: readonly string[]): void;
  /** Resolves when nothing is waiting or running (tests, benchmarks, the sweep's pacing). */
  drain(): Promise<void>;
  /** Stops taking work, abandons what waits, stops the running batch between two articles. */
  close(): Promise<void>;
  /** Counters since start: batches that failed and ids dropped because the queue was full. */
  stats(): { enriched: number; failedBatches: number; dropped: number; pending: number };
}

export interface EnrichmentQueueOptions {
  service: EnrichmentService;
  log: Logger;
  /** Articles per batch (one read, one write transaction). */
  batchSize?: number;
  /** Most ids waiting at once. */
  capacity?: number;
}

export function createEnrichmentQueue(options: EnrichmentQueueOptions): EnrichmentQueue {
  const { service, log } = options;
  const batchSize = options.batchSize ?? 100;
  const capacity = options.capacity ?? 10_000;
  const pending = new Set<string>();
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  const counters = { enriched: 0, failedBatches: 0, dropped: 0 };

  async function work(): Promise<void> {
    while (pending.size > 0 && !abort.signal.aborted) {
      const batch: string[] = [];
      for (const id of pending) {
        batch.push(id);
        pending.delete(id);
        if (batch.length === batchSize) break;
      }
      try {
        counters.enriched += await service.enrich(batch, abort.signal);
      } catch (error) {
        counters.failedBatches += 1;
        log.error({ err: error, articles: batch.length }, 'Enrichment batch failed');
      }
    }
  }

  function start(): void {
    running ??= work().finally(() => {
      running = undefined;
      // Work that arrived while the last batch was being written.
      if (pending.size > 0 && !abort.signal.aborted) start();
    });
  }

  return {
    enqueue(articleIds) {
      if (abort.signal.aborted) return;
      let dropped = 0;
      for (const id of articleIds) {
        if (pending.size < capacity) pending.add(id);
        else dropped += 1;
      }
      if (dropped > 0) {
        counters.dropped += dropped;
        log.warn({ dropped, capacity }, 'Enrichment queue full; the sweep will pick these up');
      }
      if (pending.size > 0) start();
    },
    async drain() {
      while (running !== undefined) await running;
    },
    async close() {
      abort.abort();
      pending.clear();
      while (running !== undefined) await running;
    },
    stats: () => ({ ...counters, pending: pending.size }),
  };
}
