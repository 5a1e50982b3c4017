import type { EntityKind } from '../intelligence/entities/entities.js';
import type { SentimentLabel } from '../intelligence/sentiment/sentiment.js';

/** The internal article model every provider adapts to, and what the store returns. */

/** One provider's sighting of a story. */
export interface ArticleSourceDraft {
  provider: string;
  providerId: string;
  /** Outlet name (NewsAPI, Guardian section) or subreddit (Reddit). */
  outlet: string | null;
  providerUrl: string | null;
  score: number | null;
  comments: number | null;
}

/** What a provider adapter yields and the store accepts. */
export interface ArticleDraft {
  canonicalUrl: string;
  url: string;
  title: string;
  description: string | null;
  content: string | null;
  author: string | null;
  imageUrl: string | null;
  language: string | null;
  publishedAt: Date;
  source: ArticleSourceDraft;
}

export interface ArticleSource extends ArticleSourceDraft {
  fetchedAt: Date;
}

export interface Article {
  id: string;
  canonicalUrl: string;
  url: string;
  title: string;
  description: string | null;
  content: string | null;
  author: string | null;
  imageUrl: string | null;
  language: string | null;
  publishedAt: Date;
  firstSeenAt: Date;
  updatedAt: Date;
  sources: ArticleSource[];
  /** Computed in the background after the article is stored: null until then. */
  sentiment: ArticleSentiment | null;
  /** People, organisations and places it names, most mentioned first; empty until enriched. */
  entities: ArticleEntity[];
}

export interface ArticleSentiment {
  /** From -1 (most negative) to 1 (most positive). */
  score: number;
  label: SentimentLabel;
}

export interface ArticleEntity {
  kind: EntityKind;
  name: string;
  /** Entity id (the same entity across articles). */
  id: string;
}
