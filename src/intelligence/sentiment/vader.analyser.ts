import vader from 'vader-sentiment';
import { headlineValence, headlineWords, normalise, valenceSum } from './headline-lexicon.js';
import { isLikelyNotEnglish } from './language.js';
import { prepareText } from './prepare-text.js';
import type { SentimentAnalyser, SentimentResult } from './sentiment.js';

/**
 * VADER (lexicon + rules for negation, intensifiers, "but", caps and punctuation) plus a small
 * headline lexicon for the news words VADER does not know. Pure and synchronous; never throws.
 *
 * Labels use VADER's standard thresholds: compound >= 0.05 positive, <= -0.05 negative, else
 * neutral (see docs/performance.md, "Intelligence quality", for why they were kept).
 */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

const NEUTRAL: SentimentResult = { score: 0, label: 'neutral' };
const UNSUPPORTED: SentimentResult = { score: 0, label: 'unsupported' };

/** The app's sentiment analyser. Bump `version` whenever a lexicon, rule or threshold changes. */
export function createVaderAnalyser(): SentimentAnalyser {
  return {
    name: 'vader',
    version: '1.0.0',
    analyse(input: string): SentimentResult {
      try {
        return analyse(input);
      } catch {
        // Belt and braces: a lexicon tool must never take down the pipeline that calls it.
        return NEUTRAL;
      }
    },
  };
}

function analyse(input: string): SentimentResult {
  const text = prepareText(input);
  // Nothing to read (empty, whitespace, emoji, digits): neutral by default.
  if (!/\p{L}/u.test(text)) return NEUTRAL;
  if (isLikelyNotEnglish(text)) return UNSUPPORTED;
  const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const extra = headlineValence(headlineWords(text));
  const score = extra === 0 ? compound : round(normalise(valenceSum(compound) + extra));
  if (score >= POSITIVE_THRESHOLD) return { score, label: 'positive' };
  if (score <= NEGATIVE_THRESHOLD) return { score, label: 'negative' };
  return { score, label: 'neutral' };
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;
