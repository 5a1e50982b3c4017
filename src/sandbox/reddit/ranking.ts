import type { RedditPost } from '../corpus/story.js';

/** Reddit's orderings and time windows over posts (hot, new, top, rising, controversial). */

export type ListingSort = 'hot' | 'new' | 'top' | 'rising' | 'controversial';
export type SearchSort = 'relevance' | 'hot' | 'top' | 'new' | 'comments';
export type TimeFilter = 'hour' | 'day' | 'week' | 'month' | 'year' | 'all';

const WINDOW_SECONDS: Record<TimeFilter, number> = {
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 30 * 86_400,
  year: 365 * 86_400,
  all: Number.POSITIVE_INFINITY,
};

/** A `t` value, defaulting to 'all' (also for unknown values, as Reddit does). */
export function timeFilter(raw: string | undefined): TimeFilter {
  return raw !== undefined && raw in WINDOW_SECONDS ? (raw as TimeFilter) : 'all';
}

/** Posts created within the window before `nowSeconds`. */
export function within(
  posts: readonly RedditPost[],
  t: TimeFilter,
  nowSeconds: number,
): RedditPost[] {
  const since = nowSeconds - WINDOW_SECONDS[t];
  return posts.filter((p) => p.createdUtc >= since);
}

/** Reddit's published hot formula: log-scaled score plus recency. */
export function hotScore(post: RedditPost): number {
  const order = Math.log10(Math.max(Math.abs(post.score), 1));
  return Math.sign(post.score) * order + (post.createdUtc - 1_134_028_003) / 45_000;
}

const byDesc =
  <T>(key: (item: T) => number) =>
  (a: T, b: T) =>
    key(b) - key(a);

/** Posts in a listing's order; `posts` arrive newest first. */
export function rank(
  posts: readonly RedditPost[],
  sort: ListingSort | SearchSort,
  nowSeconds: number,
): RedditPost[] {
  switch (sort) {
    case 'new':
    case 'relevance':
      return [...posts];
    case 'hot':
      return [...posts].sort(byDesc(hotScore));
    case 'top':
      return [...posts].sort(byDesc((p) => p.score));
    case 'comments':
      return [...posts].sort(byDesc((p) => p.numComments));
    case 'controversial':
      return [...posts].sort(
        byDesc((p) => p.numComments * (1 - Math.abs(p.upvoteRatio - 0.5) * 2)),
      );
    case 'rising':
      return within(posts, 'day', nowSeconds).sort(
        byDesc((p) => p.score / Math.max(1, (nowSeconds - p.createdUtc) / 3600)),
      );
  }
}
