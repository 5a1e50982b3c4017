/** The API's shapes, as the web app reads them (the OpenAPI document at /openapi.json is the source). */

export interface User {
  id: string;
  email: string | null;
  displayName: string;
  tier: 'basic' | 'premium';
  hasPassword: boolean;
  createdAt: string;
}

export interface Me {
  user: User;
  authenticatedBy: 'session' | 'api_key';
  csrfToken?: string;
  identities: { provider: string; username: string; linkedAt: string }[];
}

export interface Sentiment {
  score: number;
  label: 'positive' | 'neutral' | 'negative' | 'unsupported';
}

export interface SearchResult {
  articleId: string | null;
  canonicalUrl: string;
  url: string;
  title: string;
  description: string | null;
  author: string | null;
  imageUrl: string | null;
  language: string | null;
  publishedAt: string;
  providers: string[];
  outlets: string[];
  sentiment: Sentiment | null;
  /** What the store's enrichment found in the story; null until it has analysed it. */
  entities: { id: string; kind: string; name: string }[] | null;
}

export interface ProviderOutcome {
  provider: string;
  status: 'ok' | 'timeout' | 'error' | 'rate_limited' | 'budget_exhausted' | 'disabled';
  count: number;
  durationMs: number;
  message?: string;
}

export interface SearchResponse {
  results: SearchResult[];
  total: number;
  nextCursor: string | null;
  providers: ProviderOutcome[];
  partial: boolean;
  fetchedAt: string;
}

export interface ProviderStatus {
  id: string;
  displayName: string;
  enabled: boolean;
  mode: 'live' | 'sandbox';
  breaker: 'closed' | 'open' | 'half_open';
  budget: { window: string; limit: number; used: number; remaining: number; resetAt: string }[];
  pausedUntil: string | null;
  lastError: { kind: string; message: string; at: string } | null;
  lastSuccessAt: string | null;
}

export interface Article {
  id: string;
  title: string;
  url: string;
  description: string | null;
  imageUrl: string | null;
  author: string | null;
  publishedAt: string;
  sources: {
    provider: string;
    providerId: string;
    outlet: string | null;
    providerUrl: string | null;
  }[];
  sentiment: Sentiment | null;
  entities: { id: string; kind: string; name: string }[];
}

export interface SavedArticle {
  article: Article;
  note: string | null;
  tags: string[];
  savedAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type EntityKind = 'person' | 'organisation' | 'place';

export interface Trends {
  interval: 'day' | 'hour';
  from: string;
  to: string;
  buckets: {
    start: string;
    articles: number;
    providers: Record<string, number>;
    sentiment: { analysed: number; mean: number | null; stddev: number | null };
  }[];
}

export interface TopEntities {
  from: string;
  to: string;
  entities: { id: string; kind: EntityKind; name: string; articles: number; mentions: number }[];
}

export interface Trending {
  window: string;
  now: string;
  entities: {
    id: string;
    kind: EntityKind;
    name: string;
    recent: number;
    baseline: number;
    ratio: number;
  }[];
}
