import type { Corpus, RedditPost, Subreddit } from '../corpus/story.js';
import { matches, score } from '../search/match.js';
import { parseQuery } from '../search/query.js';
import { rank, within, type ListingSort, type SearchSort, type TimeFilter } from './ranking.js';

/** Selecting posts for listings and search: subreddits, multireddits, stickies, NSFW, query. */

/** Subreddits named by a path segment (`a+b` multireddits, `all`, `popular`); null if unknown. */
export function resolveSubreddits(name: string, corpus: Corpus): Subreddit[] | null {
  const lower = name.toLowerCase();
  if (lower === 'all' || lower === 'popular') return corpus.subreddits;
  const wanted = new Set(lower.split('+'));
  const found = corpus.subreddits.filter((s) => wanted.has(s.name.toLowerCase()));
  return found.length === 0 ? null : found;
}

/** A subreddit listing; a single subreddit's hot listing pins its stickied posts first. */
export function listPosts(
  corpus: Corpus,
  subs: readonly Subreddit[],
  sort: ListingSort,
  t: TimeFilter,
  nowSeconds: number,
  pinStickies: boolean,
): RedditPost[] {
  const set = new Set(subs);
  let posts = corpus.posts.filter((p) => set.has(p.subreddit));
  if (sort === 'top' || sort === 'controversial') posts = within(posts, t, nowSeconds);
  if (!(pinStickies && sort === 'hot')) return rank(posts, sort, nowSeconds);
  const stickied = posts.filter((p) => p.stickied).reverse();
  return [
    ...stickied,
    ...rank(
      posts.filter((p) => !p.stickied),
      'hot',
      nowSeconds,
    ),
  ];
}

export interface SearchOptions {
  q: string;
  subs: readonly Subreddit[] | null;
  sort: SearchSort;
  t: TimeFilter;
  includeOver18: boolean;
  nowSeconds: number;
}

/** Reddit search over titles and selftext; removed posts and (by default) NSFW are left out. */
export function searchPosts(corpus: Corpus, options: SearchOptions): RedditPost[] {
  const query = parseQuery(options.q, { adjacent: 'AND', fieldOperators: true });
  if (query === null) return [];
  const set = options.subs === null ? null : new Set(options.subs);
  let posts = corpus.posts.filter(
    (p) =>
      (set === null || set.has(p.subreddit)) &&
      p.removedByCategory === null &&
      (options.includeOver18 || !p.over18),
  );
  if (options.sort !== 'new' && options.sort !== 'hot')
    posts = within(posts, options.t, options.nowSeconds);
  const scored: { post: RedditPost; score: number }[] = [];
  for (const post of posts) {
    const fields = [
      [post.search.title, 2],
      [post.search.selftext, 1],
    ] as const;
    if (!matches(query, fields)) continue;
    const relevance =
      options.sort === 'relevance'
        ? score(query, fields) * (1 + Math.log10(1 + Math.max(0, post.score)) / 4)
        : 0;
    scored.push({ post, score: relevance });
  }
  if (options.sort === 'relevance')
    return scored.sort((a, b) => b.score - a.score).map((s) => s.post);
  return rank(
    scored.map((s) => s.post),
    options.sort,
    options.nowSeconds,
  );
}
