import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { newestArticleId } from './enrichment.repository.js';
import { createEnrichmentQueue, type EnrichmentQueue } from './enrichment-queue.js';
import { createEnrichmentService, type EnrichmentService } from './enrichment.service.js';
import { createEnrichmentSweep, type EnrichmentSweep } from './enrichment-sweep.js';
import type { TextAnalyser } from './text-analyser.js';
import { createThreadAnalyser } from './thread-analyser.js';

/**
 * Everything that enriches articles in one process: the service, its queue and the sweep, with
 * the analysis in a worker thread (the database reads and writes stay on this thread).
 */
export interface EnrichmentPipeline {
  service: EnrichmentService;
  analyser: TextAnalyser;
  queue: EnrichmentQueue;
  sweep: EnrichmentSweep;
  /** Stops the sweep, the queue (the running batch is not written) and the analysis thread. */
  close(): Promise<void>;
}

export interface EnrichmentPipelineOptions {
  db: Db;
  log: Logger;
  sweepIntervalMs?: number;
  batchSize?: number;
  /** The analysis thread by default. */
  analyser?: TextAnalyser;
}

export function createEnrichmentPipeline(options: EnrichmentPipelineOptions): EnrichmentPipeline {
  const { db } = options;
  const log = options.log.child({ component: 'enrichment' });
  const analyser = options.analyser ?? createThreadAnalyser({ log });
  const service = createEnrichmentService({ db, analyser, log });
  const queue = createEnrichmentQueue({
    service,
    log,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  const sweep = createEnrichmentSweep({
    service,
    queue,
    log,
    newestArticleId: () => newestArticleId(db),
    ...(options.sweepIntervalMs === undefined ? {} : { intervalMs: options.sweepIntervalMs }),
  });
  return {
    service,
    analyser,
    queue,
    sweep,
    async close() {
      const swept = sweep.stop();
      await queue.close();
      await swept;
      await analyser.close();
    },
  };
}
