import vader from 'vader-sentiment';
import type { SentimentAnalyser, SentimentResult } from './sentiment.js';

export type { SentimentAnalyser, SentimentLabel, SentimentResult } from './sentiment.js';

/** The sentiment analyser the app uses (VADER lexicon, standard ±0.05 thresholds). */
export function createSentimentAnalyser(): SentimentAnalyser {
  return {
    name: 'vader',
    version: '0',
    analyse(text: string): SentimentResult {
      const score = vader.SentimentIntensityAnalyzer.polarity_scores(text.slice(0, 2000)).compound;
      if (score >= 0.05) return { score, label: 'positive' };
      if (score <= -0.05) return { score, label: 'negative' };
      return { score: 0, label: 'neutral' };
    },
  };
}
