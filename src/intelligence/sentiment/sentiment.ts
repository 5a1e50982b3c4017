export type SentimentLabel = 'positive' | 'neutral' | 'negative' | 'unsupported';

export interface SentimentResult {
  /** In [-1, 1]; 0 for neutral-by-default and unsupported text. */
  score: number;
  label: SentimentLabel;
}

export interface SentimentAnalyser {
  readonly name: string; // e.g. 'vader'
  readonly version: string; // bump when the lexicon, rules or thresholds change (backfill recomputes stale rows)
  analyse(text: string): SentimentResult;
}
