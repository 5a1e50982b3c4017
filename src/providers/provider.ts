import type { ArticleDraft } from '../articles/article.js';

/**
 * The contract every upstream news source implements. A provider folder (newsapi/, guardian/,
 * reddit/) owns its wire schema, its adapter to ArticleDraft and its quirks; only ArticleDrafts
 * and ProviderErrors cross this boundary. Register a new provider in registry.ts.
 */
export interface Provider {
  /** Stable lowercase id, stored in article_sources.provider ('newsapi', 'guardian', 'reddit'). */
  readonly id: string;
  readonly displayName: string;
  /** Full-text search. Results are this provider's best page, adapted and cleaned. */
  search(query: SearchQuery, context: CallContext): Promise<ProviderPage>;
  /** The provider's own "top" listing (top headlines, newest, hot posts). */
  top(query: TopQuery, context: CallContext): Promise<ProviderPage>;
}

export interface SearchQuery {
  /** Free-text query in our websearch syntax; each client translates it to its own. */
  q: string;
  from?: Date | undefined;
  to?: Date | undefined;
  /** ISO 639-1 code, e.g. 'en'. */
  language?: string | undefined;
  /** Items wanted, 1..100; clients clamp to what their upstream allows. */
  pageSize: number;
}

export interface TopQuery {
  language?: string | undefined;
  pageSize: number;
}

export interface CallContext {
  /** Aborted when the caller's deadline passes; clients pass it to every fetch. */
  signal: AbortSignal;
}

export interface ProviderPage {
  articles: ArticleDraft[];
  /** What the upstream says it matched (may exceed what can be fetched); null when unknown. */
  totalResults: number | null;
}
