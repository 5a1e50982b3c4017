import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { EntityExtractor } from '../entities/entities.js';
import type { SentimentAnalyser } from '../sentiment/sentiment.js';
import { analysedText, type AnalyserVersions, type Enrichment } from './enrichment.js';
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
   * enriching again rewrites the same rows. Yields to the event loop between articles; when
   * `signal` aborts, stops before the next article and writes nothing. Returns articles written.
   */
  enrich(articleIds: readonly string[], signal?: AbortSignal): Promise<number>;
  /** Articles with missing or stale enrichment, oldest id first (see the repository). */
  findUnenriched(limit: number, query?: Omit<UnenrichedQuery, 'limit'>): Promise<string[]>;
}

export interface EnrichmentServiceDeps {
  db: Db;
  sentiment: SentimentAnalyser;
  entities: EntityExtractor;
  log: Logger;
}

export function createEnrichmentService(deps: EnrichmentServiceDeps): EnrichmentService {
  const versions: AnalyserVersions = {
    analyser: deps.sentiment.name,
    analyserVersion: deps.sentiment.version,
    extractor: deps.entities.name,
    extractorVersion: deps.entities.version,
  };

  /** One article's results; an analyser failing on one text skips that article (found later). */
  function analyse(id: string, text: string): Enrichment | undefined {
    try {
      return {
        articleId: id,
        sentiment: deps.sentiment.analyse(text),
        entities: deps.entities.extract(text),
      };
    } catch (error) {
      deps.log.warn({ err: error, articleId: id }, 'Enrichment analysis failed');
      return undefined;
    }
  }

  return {
    versions,
    async enrich(articleIds, signal) {
      const articles = await readArticleTexts(deps.db, articleIds);
      const results: Enrichment[] = [];
      for (const article of articles) {
        // Analysis is synchronous CPU work: requests waiting on this process go between articles.
        await nextTurn();
        if (signal?.aborted === true) return 0;
        const result = analyse(article.id, analysedText(article));
        if (result !== undefined) results.push(result);
      }
      return saveEnrichments(deps.db, results, versions);
    },
    findUnenriched: (limit, query = {}) => findUnenriched(deps.db, versions, { ...query, limit }),
  };
}
