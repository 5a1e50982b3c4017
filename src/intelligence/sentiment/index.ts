import type { SentimentAnalyser } from './sentiment.js';
import { createVaderAnalyser } from './vader.analyser.js';

export type { SentimentAnalyser, SentimentLabel, SentimentResult } from './sentiment.js';

/** The sentiment analyser the app uses: VADER plus a headline lexicon, English only. */
export function createSentimentAnalyser(): SentimentAnalyser {
  return createVaderAnalyser();
}
