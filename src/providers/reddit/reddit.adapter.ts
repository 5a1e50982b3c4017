import type { ArticleDraft } from '../../articles/article.js';
import { REDDIT_ORIGIN, canonicalUrl } from '../../articles/canonical-url.js';
import { adaptPage, type Adapted, type AdaptedPage } from '../adapt-page.js';
import { isProviderError, ProviderError } from '../provider-error.js';
import { collapseWhitespace, decodeEntities, parseTimestamp, safeHttpUrl } from '../text.js';
import { PROVIDER } from './reddit.http.js';
import { markdownToText } from './reddit.markdown.js';
import { RedditLink, type RedditListing, type RedditPost } from './reddit.wire.js';

/**
 * Reddit `t3` posts -> ArticleDrafts, with the quirks of upstream-apis.md §3.10–3.12 handled here:
 * self vs link vs crosspost vs gallery, deleted and removed posts, NSFW, stickied mod posts,
 * relative permalinks, float epoch seconds, thumbnails that are words, and entity-encoded strings
 * (decoded even though we send raw_json=1, in case a response ignored it).
 */

export interface RedditAdaptOptions {
  now: Date;
  includeNsfw: boolean;
  /** Hot listings start with pinned moderator posts, which are not news. */
  skipStickied: boolean;
  /** Reddit's search only knows coarse windows; the exact range is applied here. */
  from?: Date | undefined;
  to?: Date | undefined;
}

export type RedditDropReason =
  | 'malformed' // failed the wire schema
  | 'not_a_post' // a listing child that isn't a t3
  | 'removed' // deleted by its author or removed by moderators, admins or filters
  | 'nsfw'
  | 'stickied'
  | 'untitled'
  | 'bad_url'
  | 'undated'
  | 'out_of_range'
  | 'duplicate'; // same canonical URL earlier in the page (a crosspost next to its original)

type RedditAdaptedReason = Exclude<RedditDropReason, 'malformed' | 'not_a_post' | 'duplicate'>;

export type RedditAdapted = Adapted<RedditAdaptedReason>;

export interface RedditAdaptedPage {
  articles: ArticleDraft[];
  dropped: Partial<Record<RedditDropReason, number>>;
}

/** Adapts a Listing's children, dropping (and counting) what cannot become an ArticleDraft. */
export function adaptRedditListing(
  listing: RedditListing,
  options: RedditAdaptOptions,
): RedditAdaptedPage {
  const posts = listing.data.children.filter((child) => child.kind === 't3');
  const notAPost = listing.data.children.length - posts.length;
  let page: AdaptedPage<RedditAdaptedReason>;
  try {
    page = adaptPage({
      provider: PROVIDER,
      what: 'Reddit post',
      schema: RedditLink,
      items: posts.map((child) => child.data),
      adapt: (link) => adaptRedditLink(link, options),
      // A crosspost next to its original has the same canonical URL.
      identity: (draft) => draft.canonicalUrl,
    });
  } catch (error) {
    // adaptPage throws only when every post fails the schema: Reddit's format changed, not that
    // one post is odd. Kept in Reddit's own words rather than the first schema error's.
    if (!isProviderError(error)) throw error;
    throw new ProviderError(
      PROVIDER,
      'malformed_response',
      'No post in the listing has the expected shape',
    );
  }
  const dropped: RedditAdaptedPage['dropped'] = { ...page.dropped };
  if (notAPost > 0) dropped.not_a_post = notAPost;
  return { articles: page.articles, dropped };
}

/**
 * Adapts one post. A crosspost's title, URL, text and media come from the original
 * (`crosspost_parent_list[0]`); score, comments, permalink, subreddit and date are the crosspost's.
 */
export function adaptRedditLink(link: RedditLink, options: RedditAdaptOptions): RedditAdapted {
  const post: RedditPost = link.crosspost_parent_list?.[0] ?? link;
  if (isRemoved(link) || isRemoved(post)) return { ok: false, reason: 'removed' };
  if (!options.includeNsfw && (link.over_18 === true || post.over_18 === true)) {
    return { ok: false, reason: 'nsfw' };
  }
  if (options.skipStickied && link.stickied === true) return { ok: false, reason: 'stickied' };

  const title = collapseWhitespace(decodeEntities(post.title));
  if (title === '') return { ok: false, reason: 'untitled' };
  const threadUrl = safeHttpUrl(link.permalink, REDDIT_ORIGIN);
  const url = articleUrl(post) ?? threadUrl;
  const canonical = url === null ? null : canonicalUrl(url);
  if (url === null || canonical === null) return { ok: false, reason: 'bad_url' };
  const publishedAt = parseTimestamp(link.created_utc, options.now);
  if (publishedAt === null) return { ok: false, reason: 'undated' };
  if (
    (options.from !== undefined && publishedAt < options.from) ||
    (options.to !== undefined && publishedAt > options.to)
  ) {
    return { ok: false, reason: 'out_of_range' };
  }

  return {
    ok: true,
    draft: {
      canonicalUrl: canonical,
      url,
      title,
      description: post.is_self === true ? markdownToText(post.selftext) : null,
      content: null,
      author: authorName(post.author),
      imageUrl: imageUrl(post),
      // Reddit posts carry no language, and search can't filter by one.
      language: null,
      publishedAt,
      source: {
        provider: PROVIDER,
        providerId: link.name,
        outlet: `r/${link.subreddit}`,
        providerUrl: threadUrl,
        score: link.score ?? null,
        comments: link.num_comments ?? null,
      },
    },
  };
}

const PLACEHOLDERS = new Set(['[deleted]', '[removed]']);

// `author: "[deleted]"` alone means the account is gone while the post stays up (§3.12.4); the
// post itself is gone when a removal category or a placeholder selftext says so.
function isRemoved(post: RedditPost): boolean {
  const category = post.removed_by_category ?? '';
  return category !== '' || PLACEHOLDERS.has((post.selftext ?? '').trim());
}

// Self posts point at their own thread; links at their target (`url` also for crossposts whose
// `url` is relative, resolved against reddit.com).
function articleUrl(post: RedditPost): string | null {
  if (post.is_self === true) return safeHttpUrl(post.permalink, REDDIT_ORIGIN);
  return safeHttpUrl(post.url_overridden_by_dest ?? post.url, REDDIT_ORIGIN);
}

function authorName(author: string | null | undefined): string | null {
  const name = collapseWhitespace(author ?? '');
  return name === '' || name === '[deleted]' ? null : name;
}

// Full-size preview, else the first gallery image, else the thumbnail when it is a URL at all
// (it is often "self", "default", "nsfw", "spoiler", "image" or "").
function imageUrl(post: RedditPost): string | null {
  const preview = post.preview?.images[0]?.source?.url;
  const firstMedia = post.gallery_data?.items[0]?.media_id;
  const gallery = firstMedia === undefined ? undefined : post.media_metadata?.[firstMedia]?.s;
  const thumbnail = post.thumbnail?.startsWith('http') === true ? post.thumbnail : undefined;
  return safeHttpUrl(preview) ?? safeHttpUrl(gallery?.u ?? gallery?.gif) ?? safeHttpUrl(thumbnail);
}
