import { generatePosts } from './reddit-posts.js';
import type { Corpus } from './story.js';
import { generateStories } from './stories.js';
import { buildSubreddits } from './subreddits.js';

/**
 * The sandbox corpus: stories, subreddits and Reddit posts generated from a seed and anchored to
 * the start of the current UTC day, so every upstream serves the same stable data all day.
 */

export const STORY_COUNT = 3000;
const DAY_MS = 86_400_000;
const cache = new Map<string, Corpus>();

/** Start of the UTC day containing `now`, the corpus anchor. */
export function anchorFor(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS) * DAY_MS;
}

/** Builds a corpus for a seed and anchor (no caching). */
export function buildCorpus(seed: string, anchor: number, storyCount = STORY_COUNT): Corpus {
  const stories = generateStories(seed, anchor, storyCount);
  const subreddits = buildSubreddits();
  const posts = generatePosts(seed, anchor, stories, subreddits);
  return { seed, anchor, stories, subreddits, posts };
}

/** The corpus for a seed on the UTC day of `now`, built once per (seed, day) and cached. */
export function corpusFor(seed: string, now: Date): Corpus {
  const anchor = anchorFor(now);
  const key = `${seed}\u0000${anchor}`;
  let corpus = cache.get(key);
  if (corpus === undefined) {
    corpus = buildCorpus(seed, anchor);
    // A handful of (seed, day) pairs at most: tests use a few seeds, servers roll over daily.
    if (cache.size >= 6) cache.delete(cache.keys().next().value ?? key);
    cache.set(key, corpus);
  }
  return corpus;
}
