import type { Corpus, Story } from '../corpus/story.js';
import { hashString } from '../random.js';

/**
 * Which stories NewsAPI carries and how: most stories once (about 2% as "[Removed]" placeholder
 * rows), and some a second time through a Google News redirect that can only be deduplicated by
 * title. Built once per corpus.
 */

export interface NewsapiRow {
  key: string;
  story: Story;
  via: 'outlet' | 'google-news';
  removed: boolean;
}

const cache = new WeakMap<Corpus, NewsapiRow[]>();

// A stable per-story roll in [0, 1), independent of how the story itself was generated.
function roll(seed: string, story: Story, salt: string): number {
  return hashString(`${seed}/newsapi/${salt}/${story.id}`)[0] / 4294967296;
}

/** NewsAPI's rows for a corpus, newest first. */
export function newsapiRows(corpus: Corpus): NewsapiRow[] {
  let rows = cache.get(corpus);
  if (rows !== undefined) return rows;
  rows = [];
  for (const story of corpus.stories) {
    if (roll(corpus.seed, story, 'carried') >= 0.9) continue;
    rows.push({
      key: story.id,
      story,
      via: 'outlet',
      removed: roll(corpus.seed, story, 'removed') < 0.02,
    });
    if (story.language === 'en' && roll(corpus.seed, story, 'google') < 0.05) {
      rows.push({ key: `${story.id}-gn`, story, via: 'google-news', removed: false });
    }
  }
  rows.sort((a, b) => b.story.publishedAt - a.story.publishedAt);
  cache.set(corpus, rows);
  return rows;
}
