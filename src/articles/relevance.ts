import type { RelevanceKey } from './store-search.js';

/** Age (days) over which the recency factor fades from 1 towards its floor of 0.5. */
export const RECENCY_DAYS = 30;

/** One ranked candidate: a match with its text rank (ts_rank_cd) and publication time. */
export interface RankedCandidate {
  id: string;
  /** ISO 8601 with microseconds, as the store returns it. */
  publishedAt: string;
  rank: number;
}

export interface ScoredCandidate extends RankedCandidate {
  score: number;
}

/**
 * Text rank scaled by a recency factor in [0.5, 1]: a story loses at most half its weight with
 * age, so a much better textual match still beats a fresher weak one, and fresher wins near-ties.
 * Measured from a reference time pinned for the whole listing, so every page computes the same
 * score for the same article.
 */
export function relevanceScore(rank: number, publishedAt: string, referenceTime: Date): number {
  const ageDays = Math.max(0, (referenceTime.getTime() - Date.parse(publishedAt)) / 86_400_000);
  return rank * (0.5 + 0.5 * Math.exp(-ageDays / RECENCY_DAYS));
}

/**
 * The page of candidates after `after` in relevance order (score, then id, both descending),
 * plus whether more follow. Pure, so paging through a fixed candidate set never repeats or
 * skips an article.
 */
export function relevancePage(
  candidates: readonly RankedCandidate[],
  referenceTime: Date,
  after: RelevanceKey | undefined,
  limit: number,
): { page: ScoredCandidate[]; hasMore: boolean } {
  const scored = candidates
    .map((c) => ({ ...c, score: relevanceScore(c.rank, c.publishedAt, referenceTime) }))
    .sort((a, b) => compareKeys(b, a));
  const rest = after === undefined ? scored : scored.filter((c) => compareKeys(c, after) < 0);
  return { page: rest.slice(0, limit), hasMore: rest.length > limit };
}

/** Orders relevance keys ascending: by score, then by id as a number. */
export function compareKeys(a: RelevanceKey, b: RelevanceKey): number {
  if (a.score !== b.score) return a.score < b.score ? -1 : 1;
  return compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
