import type { ArticleDraft, ArticleSourceDraft } from '../src/articles/article.js';
import { canonicalUrl } from '../src/articles/canonical-url.js';
import type { dedupe } from '../src/search/dedupe.js';
import { articleDraft } from './factories.js';

/** Drafts as each provider's adapter shapes them, for the dedupe tests. */
export type Overrides = Partial<Omit<ArticleDraft, 'source' | 'canonicalUrl'>> & {
  source?: Partial<ArticleSourceDraft>;
};

export const noon = new Date('2026-11-20T12:00:00Z');
export const hoursAfterNoon = (hours: number) => new Date(noon.getTime() + hours * 3_600_000);

/** A draft whose canonical URL is derived the way the adapters derive it. */
export function draft(overrides: Overrides = {}): ArticleDraft {
  const made = articleDraft(overrides);
  return { ...made, canonicalUrl: canonicalUrl(made.url) ?? made.url };
}

export function newsapi(url: string, title: string, outlet: string, extra: Overrides = {}) {
  return draft({ ...extra, url, title, source: { provider: 'newsapi', outlet, ...extra.source } });
}

export function guardian(url: string, title: string, extra: Overrides = {}) {
  return draft({
    ...extra,
    url,
    title,
    source: { provider: 'guardian', outlet: 'The Guardian', ...extra.source },
  });
}

export function reddit(url: string, title: string, subreddit: string, extra: Overrides = {}) {
  return draft({
    language: null,
    ...extra,
    url,
    title,
    source: { provider: 'reddit', outlet: `r/${subreddit}`, ...extra.source },
  });
}

export const googleNews = (id: string) => `https://news.google.com/rss/articles/${id}?oc=5`;
export const ids = (groups: ReturnType<typeof dedupe>) =>
  groups.map((g) => g.members.map((m) => m.source.providerId));
