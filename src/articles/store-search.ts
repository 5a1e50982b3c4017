import type { Article } from './article.js';
import type { SearchPlan } from './search-strategy.js';

/**
 * The contract between the article service and the store search (article-search.repository.ts):
 * what is asked, what comes back, and the knobs that bound its cost. See docs/performance.md.
 */

export type SearchSort = 'relevance' | 'recency' | SentimentSort;

/** Most positive first, or (with the minus) most negative first; analysed articles only. */
export type SentimentSort = 'sentiment' | '-sentiment';

export function isSentimentSort(sort: SearchSort): sort is SentimentSort {
  return sort === 'sentiment' || sort === '-sentiment';
}

export interface StoreSearchFilters {
  /** Only articles with a source from this provider. */
  provider?: string | undefined;
  /** Only articles with a source from this outlet (exact name). */
  outlet?: string | undefined;
  language?: string | undefined;
  /** Only articles enrichment labelled so. */
  sentiment?: 'positive' | 'neutral' | 'negative' | undefined;
  /** Published at or after. */
  from?: Date | undefined;
  /** Published strictly before. */
  before?: Date | undefined;
}

/** Where a page ends in recency order: published_at (ISO, microseconds) and id. */
export interface RecencyKey {
  publishedAt: string;
  id: string;
}

/** Where a page ends in relevance (or sentiment) order: the score and id of its last hit. */
export interface RelevanceKey {
  score: number;
  id: string;
}

export interface StoreSearchRequest {
  /** websearch_to_tsquery text; absent lists everything in recency order. */
  q?: string | undefined;
  filters: StoreSearchFilters;
  sort: SearchSort;
  limit: number;
  /** The store as of the first page: later pages only see ids up to this one. */
  snapshot?: string | undefined;
  /** "Now" for the recency part of relevance; pinned for all pages of one listing. */
  referenceTime: Date;
  /** The last key of the previous page (its type follows `sort`). */
  after?: RecencyKey | RelevanceKey | undefined;
}

export interface ArticleHighlight {
  /** HTML: the title, escaped, with matches in <mark></mark>. */
  title: string;
  /** HTML: a passage of the description (or the content's start), escaped, matches marked. */
  snippet: string;
}

export interface ArticleHit extends Article {
  highlight: ArticleHighlight | null;
  /** Relevance score (relevance sort only). */
  score: number | null;
}

/** How the candidates were found: see chooseStrategy in search-strategy.ts. */
export type SearchStrategy = 'scan' | 'walk' | 'bitmap';

export type StoreSearchResult =
  | { kind: 'no-words' }
  | {
      kind: 'page';
      hits: ArticleHit[];
      /** Key of the last hit when another page follows, else null. */
      next: RecencyKey | RelevanceKey | null;
      snapshot: string;
      strategy: SearchStrategy;
      /** The planner's estimate of matching rows (null without q). */
      estimatedMatches: number | null;
    };

/** Cost bounds; defaults measured on 1M articles (docs/performance.md). */
export interface SearchTuning {
  /** Every statement of a search is cancelled after this long (then 503). */
  statementTimeoutMs: number;
  /** Relevance ranks the newest this-many matches (all of them when fewer match). */
  relevanceCandidates: number;
  /** Sentiment sorts order the newest this-many analysed matches. */
  sentimentCandidates: number;
  /** Characters of description/content given to ts_headline (its cost grows with the text). */
  snippetSourceChars: number;
  /** Skips the estimate and uses this plan (tests and the benchmark compare strategies). */
  forcePlan?: SearchPlan | undefined;
}

/** Age (days) over which relevance's recency factor fades from 1 towards its floor of 0.5. */
export const RECENCY_DAYS = 30;

export const DEFAULT_TUNING: SearchTuning = {
  statementTimeoutMs: 2000,
  relevanceCandidates: 100,
  sentimentCandidates: 500,
  snippetSourceChars: 300,
};
