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
}
