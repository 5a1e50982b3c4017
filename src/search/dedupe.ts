import type { ArticleDraft } from '../articles/article.js';
import { isOpaqueUrl } from '../articles/canonical-url.js';
import { createTitleIndex, foldText, titleKey } from './title-key.js';

/**
 * Live-search dedupe (upstream-apis.md §5): sightings with one canonical URL are one story; titles
 * that nearly match within a time window are one story only when that cannot glue two publishers'
 * own articles together (one side opaque or Reddit-native, or both the same outlet or host).
 */

export interface StoryGroup {
  /** The merged story: best fields from the members (see below). */
  story: MergedStory;
  /** Every sighting merged into it, in input order. */
  members: ArticleDraft[];
}

/** A draft's story fields, merged from every sighting, with who carried it. */
export interface MergedStory extends Omit<ArticleDraft, 'source'> {
  /** Unique provider ids, in first-seen order. */
  providers: string[];
  /** Unique outlet names, in first-seen order. */
  outlets: string[];
}

export interface DedupeOptions {
  /** Title matches only merge within this many hours. Default 72. */
  windowHours?: number;
  /**
   * Minimum title similarity 0..1. Default 0.8: with Dice over words that still merges one word
   * swapped in five or two in ten, or a few words added to a long headline, while two titles that
   * only share their topic words ("Fed raises rates: …" angles) score around 0.5.
   */
  threshold?: number;
}

const DEFAULT_WINDOW_HOURS = 72;
const DEFAULT_THRESHOLD = 0.8;
const REDDIT = 'reddit';
const REDDIT_HOSTS = new Set(['reddit.com', 'redd.it', 'redditmedia.com']);
// Second-level labels under which a ccTLD sells names (bbc.co.uk, abc.net.au).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);

interface Sighting {
  draft: ArticleDraft;
  index: number;
  reddit: boolean;
  opaque: boolean;
  /** A URL that names the publisher's article: not opaque, not a Reddit thread or media. */
  publisherUrl: boolean;
  outletKey: string;
  /** Outlet keys it mentions: its own outlet, its title's suffixes, its host's label. */
  hints: string[];
  /** Input-order-free tie-breaker between equally good title matches. */
  key: string;
  /** Distinct title tokens (title-key.ts). */
  tokens: string[];
  time: number;
  /** Union-find link; null at a group's root. */
  parent: Sighting | null;
  /**
   * Publisher identities ("host:…", "outlet:…") of the whole group, kept at its root; empty while
   * the group is free to join any other (only opaque or Reddit-native URLs).
   */
  anchors: Set<string>;
  /** The sighting's own publisher identities, where each grouping starts from. */
  ownAnchors: readonly string[];
}

/**
 * Groups the same story seen several times (across or within providers) into one. Pure,
 * deterministic.
 */
export function dedupe(drafts: readonly ArticleDraft[], options: DedupeOptions = {}): StoryGroup[] {
  const deduper = createDeduper(options);
  deduper.add(drafts, 0);
  return deduper.groups();
}

/**
 * dedupe() fed one provider's page at a time: the per-sighting work and the title comparisons
 * are done as each page arrives, while slower providers are still running, so only the last
 * page's share and the grouping itself are left when it answers. groups() equals dedupe() over
 * the pages concatenated in block order.
 */
export interface Deduper {
  /** Adds a page; `block` is its place in the concatenated input (the provider's request order). */
  add(drafts: readonly ArticleDraft[], block: number): void;
  groups(): StoryGroup[];
}

// Positions within a block stay below this, so block * BLOCK_SIZE + position orders sightings.
const BLOCK_SIZE = 1_000_000;

export function createDeduper(options: DedupeOptions = {}): Deduper {
  const threshold = Math.min(1, Math.max(0, options.threshold ?? DEFAULT_THRESHOLD));
  const windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * 3_600_000;
  const outletKeys = new Map<string, string>();
  const titles = createTitleIndex(threshold, windowMs);
  const sightings: Sighting[] = [];
  const matches: TitleMatch[] = [];
  return {
    add(drafts, block) {
      if (drafts.length >= BLOCK_SIZE) throw new RangeError('Too many drafts in one block');
      const added = drafts.map((draft, i) => toSighting(draft, block * BLOCK_SIZE + i, outletKeys));
      sightings.push(...added);
      for (const [i, j, similarity] of titles.add(added)) {
        const [a, b] = [sightings[i], sightings[j]];
        if (a !== undefined && b !== undefined) matches.push(titleMatch(a, b, similarity));
      }
    },
    groups() {
      const ordered = [...sightings].sort((a, b) => a.index - b.index);
      for (const s of ordered) {
        s.parent = null;
        s.anchors = new Set(s.ownAnchors);
      }
      const byUrl = new Map<string, Sighting>();
      for (const s of ordered) {
        if (s.opaque) continue;
        const first = byUrl.get(s.draft.canonicalUrl);
        if (first === undefined) byUrl.set(s.draft.canonicalUrl, s);
        else join(first, s, true);
      }
      // Best matches first, so a free sighting joins the publisher its title names or matches best.
      for (const { a, b } of matches.sort(strongestFirst)) join(a, b, false);

      const groups = new Map<Sighting, Sighting[]>();
      for (const s of ordered) {
        const root = find(s);
        const group = groups.get(root);
        if (group === undefined) groups.set(root, [s]);
        else group.push(s);
      }
      return [...groups.values()].map((members) => ({
        story: mergeStory(members),
        members: members.map((s) => s.draft),
      }));
    },
  };
}

function toSighting(draft: ArticleDraft, index: number, outletKeys: Map<string, string>): Sighting {
  const reddit = draft.source.provider === REDDIT;
  const opaque = isOpaqueUrl(draft.canonicalUrl);
  const host = opaque ? null : registrableHost(draft.canonicalUrl);
  const publisherUrl = host !== null && !REDDIT_HOSTS.has(host);
  const outlet = outletKey(draft.source.outlet, outletKeys);
  const { tokens, suffixes } = titleKey(draft.title);
  const hints = suffixes.map((suffix) => outletKey(suffix, outletKeys));
  if (!reddit) hints.push(outlet);
  if (publisherUrl) hints.push(host.slice(0, host.indexOf('.')).replace(/^the(?=.)/, ''));
  // A subreddit is not an outlet, and an opaque URL says nothing about who published the story.
  const anchors = new Set<string>();
  if (publisherUrl) anchors.add(`host:${host}`);
  if (publisherUrl && !reddit && outlet !== '') anchors.add(`outlet:${outlet}`);
  const { provider, providerId } = draft.source;
  return {
    draft,
    index,
    reddit,
    opaque,
    publisherUrl,
    outletKey: outlet,
    hints: hints.filter((hint) => hint !== ''),
    key: `${draft.canonicalUrl} ${provider} ${providerId} ${draft.title}`,
    tokens,
    time: draft.publishedAt.getTime(),
    parent: null,
    anchors,
    ownAnchors: [...anchors],
  };
}

function find(s: Sighting): Sighting {
  let root = s;
  while (root.parent !== null) root = root.parent;
  return root;
}

/** Joins two sightings' groups: always for one URL, for a title match only when anchors agree. */
function join(x: Sighting, y: Sighting, sameUrl: boolean): void {
  const [a, b] = [find(x), find(y)];
  if (a === b || (!sameUrl && !anchorsAgree(a.anchors, b.anchors))) return;
  // The earlier sighting stays root, so a group's position is its first sighting's.
  const [root, child] = a.index < b.index ? [a, b] : [b, a];
  child.parent = root;
  for (const anchor of child.anchors) root.anchors.add(anchor);
}

function anchorsAgree(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const anchor of a) if (b.has(anchor)) return true;
  return false;
}

interface TitleMatch {
  a: Sighting;
  b: Sighting;
  /** One names the other's outlet (a Google News title ending "- Reuters" and reuters.com). */
  named: boolean;
  similarity: number;
  /** A tie-breaker independent of input order. */
  key: string;
}

function titleMatch(a: Sighting, b: Sighting, similarity: number): TitleMatch {
  const named = a.hints.some((hint) => b.hints.includes(hint));
  const key = a.key < b.key ? `${a.key}\n${b.key}` : `${b.key}\n${a.key}`;
  return { a, b, named, similarity, key };
}

/** Title matches, strongest first: pairs where one names the other's outlet, then by similarity. */
function strongestFirst(x: TitleMatch, y: TitleMatch): number {
  return (
    Number(y.named) - Number(x.named) ||
    y.similarity - x.similarity ||
    (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
}

// Publisher members first (their URL, then an opaque one), then Reddit link posts, then threads.
function rank(s: Sighting): number {
  return (s.reddit ? 2 : 0) + (s.publisherUrl ? 0 : 1);
}

function mergeStory(members: readonly Sighting[]): MergedStory {
  const ordered = [...members].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  const best = (ordered.find((s) => s.publisherUrl) ?? ordered[0])?.draft;
  const lead = ordered[0]?.draft;
  if (best === undefined || lead === undefined) throw new Error('A story group has no members');
  // A Reddit poster is not the article's author and selftext is not its summary: Reddit fills
  // those only for stories no publisher sighting carries.
  const publishers = ordered.some((s) => !s.reddit) ? ordered.filter((s) => !s.reddit) : ordered;
  const outlets = new Map<string, string>();
  for (const { draft, outletKey: key } of members) {
    const outlet = draft.source.outlet?.trim() ?? '';
    if (outlet !== '' && !outlets.has(key)) outlets.set(key, outlet);
  }
  return {
    canonicalUrl: best.canonicalUrl,
    url: best.url,
    title: lead.title,
    description: longest(publishers.map((s) => s.draft.description)),
    content: first(ordered, (d) => d.content),
    author: first(publishers, (d) => d.author),
    imageUrl: first(ordered, (d) => d.imageUrl),
    language: first(ordered, (d) => d.language),
    publishedAt: new Date(Math.min(...members.map((s) => s.time))),
    providers: [...new Set(members.map((s) => s.draft.source.provider))],
    outlets: [...outlets.values()],
  };
}

function first<T>(from: readonly Sighting[], pick: (draft: ArticleDraft) => T | null): T | null {
  for (const { draft } of from) {
    const value = pick(draft);
    if (value !== null) return value;
  }
  return null;
}

function longest(values: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const value of values) {
    if (value !== null && value.length > (best?.length ?? -1)) best = value;
  }
  return best;
}

// Canonical URLs are absolute https URLs with a lower-case host (canonical-url.ts).
function registrableHost(canonical: string): string | null {
  const hostname = /^https?:\/\/([^/?#:]+)/.exec(canonical)?.[1];
  if (hostname === undefined) return null;
  const lastDot = hostname.lastIndexOf('.');
  const secondDot = hostname.lastIndexOf('.', lastDot - 1);
  const sld = hostname.slice(secondDot + 1, lastDot);
  const ccTld = hostname.length - lastDot === 3;
  const cut = ccTld && SECOND_LEVEL.has(sld) ? hostname.lastIndexOf('.', secondDot - 1) : secondDot;
  return secondDot === -1 ? hostname : hostname.slice(cut + 1);
}

/**
 * "The Guardian", "guardian" and "GUARDIAN." are one outlet, and "AP News" in a title suffix
 * matches apnews.com's label. Names repeat across a page, so each is folded once per call.
 */
function outletKey(name: string | null, cache: Map<string, string>): string {
  if (name === null) return '';
  let key = cache.get(name);
  if (key === undefined) {
    const words = foldText(name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    cache.set(name, (key = (words[0] === 'the' ? words.slice(1) : words).join('')));
  }
  return key;
}
