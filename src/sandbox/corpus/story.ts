import type { FieldTokens } from '../search/tokens.js';
import type { Outlet } from './outlets.js';
import type { ForeignLanguage } from './vocab/languages.js';
import type { NewsapiCategory, TopicId } from './vocab/topics.js';

/** The provider-neutral model of the sandbox corpus: stories, subreddits and Reddit posts. */

export type Language = 'en' | ForeignLanguage;

/** Story formats; the Guardian renders opinion and live blogs with their own title suffixes. */
export type StoryKind = 'article' | 'liveblog' | 'opinion' | 'analysis' | 'gallery' | 'video';

export interface GuardianMeta {
  id: string;
  type: 'article' | 'liveblog' | 'gallery' | 'video';
  sectionId: string;
  sectionName: string;
  /** Absent on hosted (paid-for) content. */
  pillar: { id: string; name: string } | null;
  isHosted: boolean;
  shortUrl: string;
  thumbnail: string | null;
  hasByline: boolean;
  hasTrailText: boolean;
}

export interface Story {
  index: number;
  id: string;
  topic: TopicId;
  category: NewsapiCategory;
  language: Language;
  kind: StoryKind;
  /** The headline as the outlet wrote it, without any " - Outlet" or " | Author" suffix. */
  title: string;
  /** One or two plain-text sentences (the standfirst). */
  description: string;
  /** The body, generated on first read. */
  readonly paragraphs: string[];
  authors: string[];
  /** Job title a byline can carry ("Environment editor"). */
  authorRole: string | null;
  outlet: Outlet;
  /** The canonical article URL; providers hand out variants of it. */
  url: string;
  imageUrl: string | null;
  /** Epoch milliseconds, whole seconds, always before the corpus anchor. */
  publishedAt: number;
  popularity: number;
  guardian: GuardianMeta | null;
  /** Tokenised fields, computed on first use. */
  readonly search: { title: FieldTokens; description: FieldTokens; body: FieldTokens };
}

export interface Subreddit {
  name: string;
  id36: string;
  title: string;
  description: string;
  subscribers: number;
  over18: boolean;
  createdUtc: number;
  language: Language;
}

export type PostKind = 'link' | 'self' | 'image' | 'crosspost';

export interface RedditPost {
  id: string;
  kind: PostKind;
  subreddit: Subreddit;
  title: string;
  /** '[deleted]' when the account or post is gone. */
  author: string;
  createdUtc: number;
  /** Link target (link and image posts); null for self posts and crossposts (they use the parent's). */
  url: string | null;
  selftext: string;
  story: Story | null;
  parent: RedditPost | null;
  score: number;
  upvoteRatio: number;
  numComments: number;
  over18: boolean;
  spoiler: boolean;
  stickied: boolean;
  locked: boolean;
  removedByCategory: 'deleted' | 'moderator' | 'automod_filtered' | null;
  flair: string | null;
  edited: number | false;
  /** Link posts without a thumbnail image show 'default' or ''. */
  thumbnail: 'image' | 'default' | 'none';
  /** Tokenised fields, computed on first use. */
  readonly search: { title: FieldTokens; selftext: FieldTokens };
}

export interface Corpus {
  seed: string;
  /** Start of the UTC day the corpus is anchored to (epoch ms); every item is older. */
  anchor: number;
  stories: Story[];
  subreddits: Subreddit[];
  /** Newest first. */
  posts: RedditPost[];
}
