import { createRandom, hexFrom, type Random } from '../random.js';
import { fieldTokens } from '../search/tokens.js';
import type { PostKind, RedditPost, Story, Subreddit } from './story.js';
import { LANGUAGE_SUBREDDIT } from './subreddits.js';
import { truncateCodePoints } from './text.js';
import { urlVariant, type VariantKind } from './urls.js';
import { REDDIT_NAME_PARTS } from './vocab/people.js';
import { TOPICS } from './vocab/topics.js';

/**
 * Reddit posts over the stories: link posts to URL variants of the article, self-post
 * discussions quoting it, crossposts, image posts, and the awkward cases clients must handle
 * (deleted, removed, NSFW, spoiler, stickied moderator threads). Ids grow with creation time.
 */

const PROMPTS = [
  'What do you think – good news or bad news?',
  'Genuinely curious: costs > benefits here? Has anyone got data?',
  'Mods, feel free to remove if this breaks rule #3 & sorry in advance.',
  'TL;DR: <1% of people will notice any difference.',
];
const VARIANTS: readonly (readonly [VariantKind, number])[] = [
  ['canonical', 40],
  ['tracking', 20],
  ['amp', 15],
  ['mobile', 8],
  ['slash', 8],
  ['fragment', 5],
  ['http', 4],
  ['www', 4],
];
const FLAIRS = [
  'Politics',
  'Analysis',
  ':flag-ua: Ukraine',
  'Opinion/Analysis',
  'Paywall',
  'Misleading title',
];

// Drafts become posts once sorted by time: id and search tokens are assigned last.
type Draft = Omit<RedditPost, 'id' | 'search'> & { id?: string };

/** Posts over the stories plus stickied threads per subreddit, newest first. */
export function generatePosts(
  seed: string,
  anchor: number,
  stories: Story[],
  subs: Subreddit[],
): RedditPost[] {
  const byName = new Map(subs.map((s) => [s.name, s]));
  const sub = (name: string): Subreddit => byName.get(name) ?? (subs[0] as Subreddit);
  const drafts: Draft[] = [];
  for (const story of stories) {
    const r = createRandom(`${seed}/reddit/${story.id}`);
    if (!r.chance(0.3 + 0.5 * story.popularity)) continue;
    const names =
      story.language === 'en'
        ? (TOPICS.find((t) => t.id === story.topic)?.subreddits ?? ['news'])
        : [LANGUAGE_SUBREDDIT[story.language], 'worldnews'];
    const home = sub(r.pick(names));
    const primary = r.chance(0.1)
      ? selfPost(r, story, home, anchor)
      : linkPost(r, story, home, anchor);
    drafts.push(primary);
    if (r.chance(0.1)) drafts.push(linkPost(r, story, sub(r.pick([...names, 'news'])), anchor));
    if (primary.kind !== 'self' && r.chance(0.07))
      drafts.push(
        crosspost(r, primary, sub(r.pick(['worldnews', 'news', 'geopolitics', 'europe'])), anchor),
      );
  }
  for (const s of subs)
    drafts.push(...stickies(createRandom(`${seed}/sticky/${s.name}`), s, stories, anchor));
  drafts.sort((a, b) => a.createdUtc - b.createdUtc);

  // Ids and search tokens are filled in place so crossposts keep pointing at their parent.
  const ids = createRandom(`${seed}/ids`);
  let next = parseInt('1r00000', 36);
  const posts = drafts as RedditPost[];
  for (const post of posts) {
    next += ids.int(40, 400);
    post.id = next.toString(36);
    let search: RedditPost['search'] | undefined;
    Object.defineProperty(post, 'search', {
      get: () =>
        (search ??= { title: fieldTokens(post.title), selftext: fieldTokens(post.selftext) }),
    });
  }
  return posts.reverse();
}

function base(
  r: Random,
  story: Story | null,
  subreddit: Subreddit,
  kind: PostKind,
  createdUtc: number,
): Draft {
  const score = Math.floor((story?.popularity ?? 0.2) ** 1.5 * 45_000 * r.next()) + r.int(0, 40);
  const fate = r.weighted<'live' | 'deleted' | 'removed'>([
    ['live', 94],
    ['deleted', 3],
    ['removed', 3],
  ]);
  return {
    kind,
    subreddit,
    title: story?.title ?? '',
    author:
      fate === 'deleted'
        ? '[deleted]'
        : `${r.pick(REDDIT_NAME_PARTS.first)}_${r.pick(REDDIT_NAME_PARTS.second)}${r.int(1, 9999)}`,
    createdUtc,
    url: null,
    selftext: '',
    story,
    parent: null,
    score,
    upvoteRatio: Math.round((0.55 + 0.44 * r.next()) * 100) / 100,
    numComments: Math.floor(score * (0.05 + 0.3 * r.next())),
    over18: subreddit.over18 || r.chance(0.02),
    spoiler: story?.topic === 'culture' && r.chance(0.05),
    stickied: false,
    locked: r.chance(0.03),
    removedByCategory:
      fate === 'deleted'
        ? 'deleted'
        : fate === 'removed'
          ? r.pick(['moderator', 'moderator', 'automod_filtered'] as const)
          : null,
    flair: r.chance(0.25) ? r.pick(FLAIRS) : null,
    edited: false,
    thumbnail:
      story?.imageUrl !== null && story !== null ? 'image' : r.pick(['default', 'none'] as const),
  };
}

function postedAfter(r: Random, at: number, anchor: number): number {
  const latest = anchor / 1000 - 1;
  const wanted = Math.floor(at / 1000) + r.int(180, 18 * 3600);
  return wanted < latest ? wanted : Math.floor(at / 1000 + (latest - at / 1000) * r.next());
}

function linkPost(r: Random, story: Story, subreddit: Subreddit, anchor: number): Draft {
  const draft = base(
    r,
    story,
    subreddit,
    r.chance(0.03) ? 'image' : 'link',
    postedAfter(r, story.publishedAt, anchor),
  );
  draft.url =
    draft.kind === 'image'
      ? `https://i.redd.it/${hexFrom(`ireddit:${story.id}`, 13)}.jpeg`
      : urlVariant(story.url, story.outlet, r.weighted(VARIANTS));
  if (r.chance(0.1)) draft.title = `${story.title} - ${story.outlet.name}`;
  draft.title = truncateCodePoints(draft.title, 300);
  return draft;
}

function selfPost(r: Random, story: Story, subreddit: Subreddit, anchor: number): Draft {
  const draft = base(r, story, subreddit, 'self', postedAfter(r, story.publishedAt, anchor));
  draft.title = truncateCodePoints(`Discussion: ${story.title}`, 300);
  draft.selftext = `> ${story.description}\n\nSource: ${urlVariant(story.url, story.outlet, r.weighted(VARIANTS))}\n\n${r.pick(PROMPTS)}`;
  if (draft.removedByCategory === 'deleted') draft.selftext = '[deleted]';
  else if (draft.removedByCategory !== null) draft.selftext = '[removed]';
  if (r.chance(0.1)) draft.edited = draft.createdUtc + r.int(60, 7200);
  draft.thumbnail = 'none';
  return draft;
}

function crosspost(r: Random, parent: Draft, subreddit: Subreddit, anchor: number): Draft {
  const draft = base(
    r,
    parent.story,
    subreddit,
    'crosspost',
    postedAfter(r, parent.createdUtc * 1000, anchor),
  );
  draft.parent = parent as RedditPost; // completed in place before anyone reads it
  draft.title = parent.title;
  draft.thumbnail = parent.thumbnail;
  return draft;
}

function stickies(r: Random, subreddit: Subreddit, stories: Story[], anchor: number): Draft[] {
  return Array.from({ length: r.int(1, 2) }, (_, i) => {
    const story = i === 1 ? r.pick(stories) : null;
    const created = Math.floor(anchor / 1000) - r.int(3600, 3 * 86_400);
    const draft = base(r, story, subreddit, 'self', created);
    const day = new Date(created * 1000).toISOString().slice(0, 10);
    draft.title =
      story === null ? `Daily Discussion Thread – ${day}` : `Megathread: ${story.title}`;
    draft.selftext = `Welcome to the thread. Please keep it civil & on topic.\n\n* No memes\n* Sources > opinions\n\n[Rules](/r/${subreddit.name}/wiki/rules)`;
    return {
      ...draft,
      author: 'AutoModerator',
      stickied: true,
      removedByCategory: null,
      over18: subreddit.over18,
      thumbnail: 'none',
      locked: false,
    };
  });
}
