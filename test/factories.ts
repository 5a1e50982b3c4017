import { randomUUID } from 'node:crypto';
import type { ArticleDraft, ArticleSourceDraft } from '../src/articles/article.js';

/** An article draft with unique URL and provider id; override what the test cares about. */
export function articleDraft(
  overrides: Partial<Omit<ArticleDraft, 'source'>> & { source?: Partial<ArticleSourceDraft> } = {},
): ArticleDraft {
  const id = randomUUID();
  const url = overrides.url ?? `https://news.example/${id}`;
  const { source, ...rest } = overrides;
  return {
    canonicalUrl: url,
    url,
    title: `Story ${id}`,
    description: null,
    content: null,
    author: null,
    imageUrl: null,
    language: 'en',
    publishedAt: new Date('2026-11-20T12:00:00Z'),
    ...rest,
    source: {
      provider: 'newsapi',
      providerId: id,
      outlet: 'Example News',
      providerUrl: url,
      score: null,
      comments: null,
      ...source,
    },
  };
}
