import { systemClock, type Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Article } from './article.js';
import { searchStore } from './article-search.repository.js';
import { createPlanCache } from './plan-cache.js';
import { findArticleById } from './article.repository.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './search-cursor.js';
import { cleanQuery, noSearchableWords, parseDateBounds } from './search-params.js';
import {
  DEFAULT_TUNING,
  type ArticleHit,
  type SearchSort,
  type SearchTuning,
} from './store-search.js';

export interface ArticleListParams {
  q?: string | undefined;
  sort?: SearchSort | undefined;
  provider?: string | undefined;
  outlet?: string | undefined;
  language?: string | undefined;
  sentiment?: 'positive' | 'neutral' | 'negative' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface ArticleService {
  list(params: ArticleListParams): Promise<ArticlePage>;
  get(id: string): Promise<Article>;
}

export interface ArticlePage {
  articles: ArticleHit[];
  sort: SearchSort;
  nextCursor: string | null;
}

export interface ArticleServiceDeps {
  db: Db;
  clock?: Clock;
  /** Overrides of the search's cost bounds (tests force a tiny statement timeout). */
  tuning?: Partial<SearchTuning>;
}

/** Reads over the article store: full-text search with filters, ranking, snippets and cursors. */
export function createArticleService(deps: ArticleServiceDeps): ArticleService {
  const tuning: SearchTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const clock = deps.clock ?? systemClock;
  const plans = createPlanCache();
  return {
    async list(params) {
      const q = params.q === undefined ? undefined : cleanQuery(params.q);
      const sort = params.sort ?? (q === undefined ? 'recency' : 'relevance');
      if (sort === 'relevance' && q === undefined) {
        throw new AppError('validation_failed', 'querystring/sort relevance needs a q to rank by');
      }
      const filters = {
        provider: params.provider,
        outlet: params.outlet,
        language: params.language,
        sentiment: params.sentiment,
        ...parseDateBounds(params.from, params.to),
      };
      const fingerprint = queryFingerprint(q, filters, sort);
      const state =
        params.cursor === undefined ? undefined : decodeCursor(params.cursor, fingerprint, sort);
      const referenceTime = state?.referenceTime ?? clock.now();
      const result = await searchStore(
        deps.db,
        {
          q,
          filters,
          sort,
          limit: params.limit,
          snapshot: state?.snapshot,
          referenceTime,
          after: state?.after,
        },
        tuning,
        plans,
      );
      if (result.kind === 'no-words') throw noSearchableWords();
      const nextCursor =
        result.next === null
          ? null
          : encodeCursor(fingerprint, {
              snapshot: result.snapshot,
              referenceTime,
              after: result.next,
            });
      return { articles: result.hits, sort, nextCursor };
    },
    async get(id) {
      const article = await findArticleById(deps.db, id, tuning.statementTimeoutMs);
      if (article === undefined)
        throw new AppError('article_not_found', `No article with id ${id}`);
      return article;
    },
  };
}
