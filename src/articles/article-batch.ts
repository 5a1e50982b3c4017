import type { ArticleDraft, ArticleSourceDraft } from './article.js';

/** One article row of a batch: the first sighting's identity, the first non-null of each field. */
export type ArticleRow = Omit<ArticleDraft, 'source'>;

/** One source row of a batch, attached to its article by canonical URL. */
export interface SourceRow extends ArticleSourceDraft {
  canonicalUrl: string;
}

export interface MergedBatch {
  /** One per canonical URL, sorted by it so concurrent batches lock rows in the same order. */
  articles: ArticleRow[];
  /** One per (provider, providerId), sorted by that key for the same reason. */
  sources: SourceRow[];
}

const FILLABLE = ['description', 'content', 'author', 'imageUrl', 'language'] as const;

/**
 * Folds a batch into what a sequence of single upserts would leave behind: PostgreSQL refuses to
 * touch one row twice in a statement, so duplicates are merged before the insert. Later
 * sightings fill missing fields; a re-fetched source keeps its first article and latest values.
 */
export function mergeDrafts(drafts: readonly ArticleDraft[]): MergedBatch {
  const articles = new Map<string, ArticleRow>();
  const sources = new Map<string, SourceRow>();
  for (const { source, ...article } of drafts) {
    const seen = articles.get(article.canonicalUrl);
    if (seen === undefined) articles.set(article.canonicalUrl, { ...article });
    else for (const field of FILLABLE) seen[field] ??= article[field];

    const key = `${source.provider}\u0000${source.providerId}`;
    const canonicalUrl = sources.get(key)?.canonicalUrl ?? article.canonicalUrl;
    sources.set(key, { ...source, canonicalUrl });
  }
  return {
    articles: [...articles.values()].sort((a, b) => compare(a.canonicalUrl, b.canonicalUrl)),
    sources: [...sources.values()].sort(
      (a, b) => compare(a.provider, b.provider) || compare(a.providerId, b.providerId),
    ),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
