import type { EnrichmentService } from './enrichment.service.js';
import type { UnenrichedQuery } from './enrichment.repository.js';

export interface BackfillOptions {
  /** Only articles published at or after this time. */
  since?: Date | undefined;
  /** Articles per batch (one read, one write transaction). */
  batchSize: number;
  /** Recompute current rows too (otherwise only missing or stale ones). */
  all?: boolean | undefined;
  /** Resume a run after this article id. */
  afterId?: string | undefined;
  /** Stops between batches. */
  signal?: AbortSignal | undefined;
  /** After each batch: articles enriched so far and the last id looked at. */
  onProgress?: (enriched: number, lastId: string) => void;
}

export interface BackfillResult {
  enriched: number;
  /** The last id looked at (resume with --after), or null when none was. */
  lastId: string | null;
}

/**
 * (Re)computes enrichment for stored articles in id order, a batch at a time. Resumable: it
 * walks the primary key from `afterId`, and without `all` it only picks articles whose rows are
 * missing or stale, so a second run after an interrupted one continues where it stopped.
 */
export async function backfill(
  service: EnrichmentService,
  options: BackfillOptions,
): Promise<BackfillResult> {
  const query: Omit<UnenrichedQuery, 'limit'> = { since: options.since, all: options.all };
  let afterId = options.afterId;
  let enriched = 0;
  while (options.signal?.aborted !== true) {
    const ids = await service.findUnenriched(options.batchSize, { ...query, afterId });
    const last = ids.at(-1);
    if (last === undefined) break;
    enriched += await service.enrich(ids);
    afterId = last;
    options.onProgress?.(enriched, last);
    if (ids.length < options.batchSize) break;
  }
  return { enriched, lastId: afterId ?? null };
}
