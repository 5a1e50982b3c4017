import type { RedditPost } from '../corpus/story.js';
import { hashString, hexFrom } from '../random.js';
import { selftextHtml } from './markdown.js';
import { float, type RedditJson } from './serialize.js';

/**
 * A post as a `t3` Thing's data, with the fields and key-presence rules of upstream-apis.md §3.10:
 * no `author_fullname` for [deleted] authors, no `url_overridden_by_dest` on self posts,
 * thumbnails that are not URLs, crosspost parents embedded in full, previews with signed URLs.
 */

const WWW = 'https://www.reddit.com';

/** Reddit's permalink slug: title words joined by underscores, at most 50 characters. */
function slug(title: string): string {
  const words = title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join('_').slice(0, 50).replace(/_+$/, '');
}

/** A post's relative permalink, `/r/{sub}/comments/{id}/{slug}/`. */
export const permalinkOf = (post: RedditPost): string =>
  `/r/${post.subreddit.name}/comments/${post.id}/${slug(post.title)}/`;

const userId = (name: string): string =>
  `t2_${(hashString(`user:${name}`)[0] % 2_000_000_000).toString(36)}`;

function targetUrl(post: RedditPost): string {
  if (post.kind === 'crosspost' && post.parent !== null) return targetUrl(post.parent);
  return post.url ?? `${WWW}${permalinkOf(post)}`;
}

function domainOf(post: RedditPost): string {
  if (post.kind === 'crosspost' && post.parent !== null) return domainOf(post.parent);
  if (post.kind === 'self') return `self.${post.subreddit.name}`;
  return new URL(targetUrl(post)).hostname.replace(/^www\./, '');
}

function preview(post: RedditPost): RedditJson | undefined {
  if (post.kind === 'self' || post.thumbnail !== 'image') return undefined;
  const id = hexFrom(`preview:${post.id}`, 43);
  const host = post.kind === 'image' ? 'preview.redd.it' : 'external-preview.redd.it';
  const url = (width: number | null): string =>
    `https://${host}/${id}.jpg?${width === null ? '' : `width=${width}&crop=smart&`}auto=webp&s=${hexFrom(`sig:${post.id}:${width ?? 0}`, 40)}`;
  const sized = (width: number) => ({
    url: url(width),
    width,
    height: Math.round((width * 630) / 1200),
  });
  return {
    images: [
      {
        source: { url: url(null), width: 1200, height: 630 },
        resolutions: [108, 216, 320, 640, 960].map(sized),
        variants: {},
        id,
      },
    ],
    enabled: post.kind === 'image',
  };
}

function thumbnail(post: RedditPost): {
  thumbnail: string;
  width: number | null;
  height: number | null;
} {
  if (post.over18) return { thumbnail: 'nsfw', width: 140, height: 140 };
  if (post.spoiler) return { thumbnail: 'spoiler', width: 140, height: 140 };
  if (post.kind === 'self') return { thumbnail: 'self', width: null, height: null };
  if (post.thumbnail === 'default') return { thumbnail: 'default', width: null, height: null };
  if (post.thumbnail === 'none') return { thumbnail: '', width: null, height: null };
  return {
    thumbnail: `https://b.thumbs.redditmedia.com/${hexFrom(`thumb:${post.id}`, 43)}.jpg`,
    width: 140,
    height: 78,
  };
}

function flair(text: string | null): { richtext: RedditJson; type: string } {
  const emoji = text === null ? null : /^(:[a-z-]+:) (.*)$/.exec(text);
  if (emoji === null || emoji[1] === undefined) return { richtext: [], type: 'text' };
  return {
    richtext: [
      {
        e: 'emoji',
        a: emoji[1],
        u: `https://emoji.redditmedia.com/${hexFrom(emoji[1], 12)}/${emoji[1].slice(1, -1)}.png`,
      },
      { e: 'text', t: ` ${emoji[2] ?? ''}` },
    ],
    type: 'richtext',
  };
}

/** The t3 data object for a post. */
export function t3(post: RedditPost): Record<string, RedditJson | undefined> {
  const self = post.kind === 'self';
  const deleted = post.author === '[deleted]';
  const thumb = thumbnail(post);
  const fl = flair(post.flair);
  const url = targetUrl(post);
  return {
    approved_at_utc: null,
    subreddit: post.subreddit.name,
    selftext: post.selftext,
    author_fullname: deleted ? undefined : userId(post.author),
    saved: false,
    mod_reason_title: null,
    gilded: 0,
    clicked: false,
    title: post.title,
    link_flair_richtext: fl.richtext,
    subreddit_name_prefixed: `r/${post.subreddit.name}`,
    hidden: false,
    pwls: 6,
    link_flair_css_class: null,
    downs: 0,
    thumbnail_height: thumb.height,
    top_awarded_type: null,
    hide_score: false,
    name: `t3_${post.id}`,
    quarantine: false,
    link_flair_text_color: post.flair === null ? null : 'dark',
    upvote_ratio: post.upvoteRatio,
    author_flair_background_color: null,
    subreddit_type: 'public',
    ups: post.score,
    total_awards_received: 0,
    media_embed: {},
    thumbnail_width: thumb.width,
    author_flair_template_id: null,
    is_original_content: false,
    user_reports: [],
    secure_media: null,
    is_reddit_media_domain: post.kind === 'image',
    is_meta: false,
    category: null,
    secure_media_embed: {},
    link_flair_text: post.flair,
    can_mod_post: false,
    score: post.score,
    approved_by: null,
    is_created_from_ads_ui: false,
    author_premium: false,
    thumbnail: thumb.thumbnail,
    edited: post.edited === false ? false : float(post.edited),
    author_flair_css_class: null,
    author_flair_richtext: [],
    gildings: {},
    post_hint: self
      ? undefined
      : post.kind === 'image'
        ? 'image'
        : post.thumbnail === 'image'
          ? 'link'
          : undefined,
    content_categories: null,
    is_self: self,
    mod_note: null,
    created: float(post.createdUtc),
    link_flair_type: fl.type,
    wls: 6,
    removed_by_category: post.removedByCategory,
    banned_by: null,
    author_flair_type: 'text',
    domain: domainOf(post),
    allow_live_comments: false,
    selftext_html: selftextHtml(post.selftext),
    likes: null,
    suggested_sort: null,
    banned_at_utc: null,
    url_overridden_by_dest: self ? undefined : url,
    view_count: null,
    archived: false,
    no_follow: post.score < 5,
    is_crosspostable: post.removedByCategory === null,
    pinned: false,
    over_18: post.over18,
    preview: preview(post),
    all_awardings: [],
    awarders: [],
    media_only: false,
    can_gild: false,
    spoiler: post.spoiler,
    locked: post.locked,
    author_flair_text: null,
    treatment_tags: [],
    visited: false,
    removed_by: null,
    num_reports: null,
    distinguished: post.stickied ? 'moderator' : null,
    subreddit_id: `t5_${post.subreddit.id36}`,
    author_is_blocked: false,
    mod_reason_by: null,
    removal_reason: null,
    link_flair_background_color: '',
    id: post.id,
    is_robot_indexable: post.removedByCategory === null,
    report_reasons: null,
    author: post.author,
    discussion_type: null,
    num_comments: post.numComments,
    send_replies: true,
    contest_mode: false,
    mod_reports: [],
    author_patreon_flair: false,
    author_flair_text_color: null,
    permalink: permalinkOf(post),
    stickied: post.stickied,
    url,
    subreddit_subscribers: post.subreddit.subscribers,
    created_utc: float(post.createdUtc),
    num_crossposts: 0,
    media: null,
    is_video: false,
    crosspost_parent: post.parent === null ? undefined : `t3_${post.parent.id}`,
    crosspost_parent_list: post.parent === null ? undefined : [t3(post.parent)],
  };
}
