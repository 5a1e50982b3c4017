import type { Logger } from '../../logger.js';
import type { EnrichmentQueue } from './enrichment-queue.js';
import type { EnrichmentService } from './enrichment.service.js';

/**
 * Finds articles the write path did not enrich (the process died, the queue was full or off, a
 * batch failed) or enriched with an older analyser, and feeds them to the queue a page at a
 * time. The first pass after start reads all history; later passes start from the newest id
 * two passes back, so an id committed late, or dropped by a full queue, is still looked at.
 */
export interface EnrichmentSweep {
  /** Sweeps now, then every `intervalMs` until stop(). */
  start(): void;
  /** One pass; resolves with the articles it queued. */
  sweepOnce(): Promise<number>;
  /** Stops the timer; resolves when a running pass ends (close the queue to end it sooner). */
  stop(): Promise<void>;
}

export interface EnrichmentSweepOptions {
  service: EnrichmentService;
  queue: EnrichmentQueue;
  log: Logger;
  /** The highest article id now (where the next passes may start). */
  newestArticleId: () => Promise<string | null>;
  intervalMs?: number;
  pageSize?: number;
}

export function createEnrichmentSweep(options: EnrichmentSweepOptions): EnrichmentSweep {
  const { service, queue, log } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  const pageSize = options.pageSize ?? 500;
  let floor: string | undefined;
  let lastTop: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let passing: Promise<number> | undefined;
  let stopped = false;

  async function pass(): Promise<number> {
    const top = (await options.newestArticleId()) ?? '0';
    const failuresBefore = queue.stats().failedBatches;
    let afterId = floor;
    let queued = 0;
    while (!stopped) {
      const ids = await service.findUnenriched(pageSize, { afterId });
      if (ids.length === 0) break;
      queue.enqueue(ids, 'sweep');
      queued += ids.length;
      await queue.drain();
      afterId = ids.at(-1);
      if (ids.length < pageSize) break;
    }
    // A failed batch below the floor would never be looked at again: keep the floor where it was.
    if (!stopped && queue.stats().failedBatches === failuresBefore) {
      floor = lastTop;
      lastTop = top;
    }
    if (queued > 0)
      log.info({ queued, lastId: afterId ?? null }, 'Enrichment sweep queued articles');
    return queued;
  }

  function sweepOnce(): Promise<number> {
    passing ??= pass().finally(() => {
      passing = undefined;
    });
    return passing;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      sweepOnce()
        .catch((error: unknown) => log.error({ err: error }, 'Enrichment sweep failed'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      sweepOnce()
        .catch((error: unknown) => log.error({ err: error }, 'Enrichment sweep failed'))
        .finally(schedule);
    },
    sweepOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await passing?.catch(() => undefined);
    },
  };
}
