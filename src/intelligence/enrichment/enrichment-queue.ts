import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import type { EnrichmentService } from './enrichment.service.js';

/**
 * Articles waiting to be enriched in this process, off the request path: bounded (ids beyond
 * `capacity` are dropped and left to the sweep), deduplicated, taken in batches, one batch at a
 * time. Nothing here is durable: what a process did not get to is found by the next sweep.
 *
 * Ingestion comes first. Analysis is CPU work and its results are database writes, so while the
 * write path is busy in this process (the API enriching what its searches store) a batch waits
 * for a lull (`quietMs` without a write) instead of competing with the writes for cores and
 * connections. Under writes that never pause it still takes a small batch every `maxDelayMs`, so
 * enrichment falls behind in bursts but never stops; the sweep picks up anything the bounded
 * queue had to drop. Ids the sweep queues (the worker's only source) are not writes: they never
 * make the queue wait.
 */
export interface EnrichmentQueue {
  /**
   * Adds articles to enrich; a no-op once closed. `write` (the default): the write path just
   * stored them, which also tells the queue ingestion is busy; `sweep`: found later.
   */
  enqueue(articleIds: readonly string[], origin?: 'write' | 'sweep'): void;
  /** Resolves when nothing is waiting or running (tests, benchmarks, the sweep's pacing). */
  drain(): Promise<void>;
  /** Stops taking work, abandons what waits, stops the running batch between two articles. */
  close(): Promise<void>;
  /**
   * Counters since start: batches that failed, ids dropped because the queue was full, and the
   * time batches waited for the write path to pause.
   */
  stats(): {
    enriched: number;
    failedBatches: number;
    dropped: number;
    deferredMs: number;
    pending: number;
  };
}

export interface EnrichmentQueueOptions {
  service: EnrichmentService;
  log: Logger;
  /** Articles per batch (one read, one write transaction). */
  batchSize?: number;
  /** Most ids waiting at once. */
  capacity?: number;
  /** A lull in writes this long lets a batch start. Default 200 ms; 0 never waits. */
  quietMs?: number;
  /** While writes go on, a batch of `busyBatchSize` starts at least this often. Default 2 s. */
  maxDelayMs?: number;
  /** Articles per batch taken during writes. Default a quarter of `batchSize`. */
  busyBatchSize?: number;
}

export function createEnrichmentQueue(options: EnrichmentQueueOptions): EnrichmentQueue {
  const { service, log } = options;
  const batchSize = options.batchSize ?? 100;
  const capacity = options.capacity ?? 10_000;
  const quietMs = options.quietMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 2000;
  const busyBatchSize = options.busyBatchSize ?? Math.max(1, Math.ceil(batchSize / 4));
  const pending = new Set<string>();
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  // Where the next batch's maxDelayMs counts from: work arriving in an empty queue, or the end of
  // the last batch.
  let dueFrom = Date.now();
  const counters = { enriched: 0, failedBatches: 0, dropped: 0, deferredMs: 0 };

  /** Waits for a lull in writes, or until a batch is overdue; the size of batch to take. */
  async function nextBatchSize(): Promise<number> {
    const waitStarted = Date.now();
    for (;;) {
      const now = Date.now();
      const quietFor = now - lastWriteAt;
      if (quietFor >= quietMs) break;
      if (now - dueFrom >= maxDelayMs) {
        counters.deferredMs += now - waitStarted;
        return busyBatchSize;
      }
      const wait = Math.min(quietMs - quietFor, maxDelayMs - (now - dueFrom));
      await sleep(Math.max(1, wait), undefined, { signal: abort.signal }).catch(() => undefined);
      if (abort.signal.aborted) return 0;
    }
    counters.deferredMs += Date.now() - waitStarted;
    return batchSize;
  }

  async function work(): Promise<void> {
    while (pending.size > 0 && !abort.signal.aborted) {
      const size = await nextBatchSize();
      const batch: string[] = [];
      for (const id of pending) {
        if (batch.length === size) break;
        batch.push(id);
        pending.delete(id);
      }
      if (batch.length === 0) continue;
      try {
        counters.enriched += await service.enrich(batch, abort.signal);
      } catch (error) {
        counters.failedBatches += 1;
        log.error({ err: error, articles: batch.length }, 'Enrichment batch failed');
      } finally {
        dueFrom = Date.now();
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
    enqueue(articleIds, origin = 'write') {
      if (abort.signal.aborted) return;
      if (origin === 'write') lastWriteAt = Date.now();
      if (pending.size === 0 && running === undefined) dueFrom = Date.now();
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
