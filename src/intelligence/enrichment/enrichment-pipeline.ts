import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { createEntityExtractor } from '../entities/index.js';
import { createSentimentAnalyser } from '../sentiment/index.js';
import { newestArticleId } from './enrichment.repository.js';
import { createEnrichmentQueue, type EnrichmentQueue } from './enrichment-queue.js';
import { createEnrichmentService, type EnrichmentService } from './enrichment.service.js';
import { createEnrichmentSweep, type EnrichmentSweep } from './enrichment-sweep.js';

/** Everything that enriches articles in one process: the service, its queue and the sweep. */
export interface EnrichmentPipeline {
  service: EnrichmentService;
  queue: EnrichmentQueue;
  sweep: EnrichmentSweep;
  /** Stops the sweep and the queue (the running batch stops between two articles). */
  close(): Promise<void>;
}

export interface EnrichmentPipelineOptions {
  db: Db;
  log: Logger;
  sweepIntervalMs?: number;
  batchSize?: number;
}

export function createEnrichmentPipeline(options: EnrichmentPipelineOptions): EnrichmentPipeline {
  const { db } = options;
  const log = options.log.child({ component: 'enrichment' });
  const service = createEnrichmentService({
    db,
    sentiment: createSentimentAnalyser(),
    entities: createEntityExtractor(),
    log,
  });
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
    queue,
    sweep,
    async close() {
      const swept = sweep.stop();
      await queue.close();
      await swept;
    },
  };
}
