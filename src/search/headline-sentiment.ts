import { LRUCache } from 'lru-cache';
import type { ArticleDraft } from '../articles/article.js';
import type { SentimentAnalyser, SentimentResult } from '../intelligence/sentiment/sentiment.js';

/**
 * Sentiment for live search results, read from the headline only: a live search answers before
 * the stored article is enriched (in the background, from title, description and content), and
 * the headline is what costs little enough to analyse on the way (~80 µs). Each page but the
 * last to arrive is analysed in the time the slower providers leave; a response analyses only the
 * results it renders (all of them when it filters or sorts by sentiment), and the whole set is
 * analysed after the response, before it is cached; a headline seen in a recent search is not
 * analysed again. The stored article's own sentiment (GET /v1/articles/:id, via the result's
 * articleId) is the fuller reading.
 */
export interface HeadlineSentiment {
  /** Analyses the drafts' headlines ahead of time (as each provider's page arrives). */
  prepare(drafts: readonly ArticleDraft[]): void;
  of(title: string): SentimentResult;
}

export function createHeadlineSentiment(analyser: SentimentAnalyser): HeadlineSentiment {
  const recent = new LRUCache<string, SentimentResult>({ max: 10_000 });
  const of = (title: string): SentimentResult => {
    let result = recent.get(title);
    if (result === undefined) {
      const { score, label } = analyser.analyse(title);
      result = { score: Math.round(score * 1000) / 1000, label };
      recent.set(title, result);
    }
    return result;
  };
  return {
    prepare(drafts) {
      for (const draft of drafts) of(draft.title);
    },
    of,
  };
}
