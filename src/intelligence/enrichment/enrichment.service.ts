import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { analysedText, type AnalyserVersions, type Enrichment } from './enrichment.js';
import type { TextAnalyser } from './text-analyser.js';
import {
  findUnenriched,
  readArticleTexts,
  saveEnrichments,
  type UnenrichedQuery,
} from './enrichment.repository.js';

export interface EnrichmentService {
  /** The analyser and extractor versions this process computes; rows with others are stale. */
  readonly versions: AnalyserVersions;
  /**
   * Analyses these articles and stores the results (one transaction for the batch). Idempotent:
   * enriching again rewrites the same rows. The analysis runs in the analyser (the analysis
   * thread in the API and worker); when `signal` aborts before the write, writes nothing and
   * returns 0. Returns articles written.
   */
  enrich(articleIds: readonly string[], signal?: AbortSignal): Promise<number>;
  /** Articles with missing or stale enrichment, oldest id first (see the repository). */
  findUnenriched(limit: number, query?: Omit<UnenrichedQuery, 'limit'>): Promise<string[]>;
}

export interface EnrichmentServiceDeps {
  db: Db;
  analyser: TextAnalyser;
  log: Logger;
}

export function createEnrichmentService(deps: EnrichmentServiceDeps): EnrichmentService {
  const { versions } = deps.analyser;
  return {
    versions,
    async enrich(articleIds, signal) {
      const articles = await readArticleTexts(deps.db, articleIds);
      if (articles.length === 0) return 0;
      let analyses;
      try {
        analyses = await deps.analyser.analyseAll(articles.map(analysedText), signal);
      } catch (error) {
        // Shutting down: the next sweep redoes this batch.
        if (signal?.aborted === true) return 0;
        throw error;
      }
      if (signal?.aborted === true) return 0;
      const results: Enrichment[] = [];
      articles.forEach((article, i) => {
        const analysis = analyses[i];
        // An analyser failing on one text skips that article; the sweep retries it later.
        if (analysis === undefined || typeof analysis === 'string') {
          deps.log.warn({ articleId: article.id, reason: analysis }, 'Enrichment analysis failed');
        } else {
          results.push({ articleId: article.id, ...analysis });
        }
      });
      return saveEnrichments(deps.db, results, versions);
    },
    findUnenriched: (limit, query = {}) => findUnenriched(deps.db, versions, { ...query, limit }),
  };
}
