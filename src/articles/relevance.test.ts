import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relevancePage, relevanceScore, type RankedCandidate } from './relevance.js';

const now = new Date('2026-11-27T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('relevanceScore', () => {
  it('prefers the fresher of two equally good matches', () => {
    assert.ok(relevanceScore(0.5, daysAgo(1), now) > relevanceScore(0.5, daysAgo(40), now));
  });

  it('lets a much better match beat a fresher weak one, however old', () => {
    assert.ok(relevanceScore(0.9, daysAgo(700), now) > relevanceScore(0.3, daysAgo(0), now));
  });

  it('never scales a rank below half or above itself', () => {
    assert.equal(relevanceScore(1, daysAgo(0), now), 1);
    assert.ok(Math.abs(relevanceScore(1, daysAgo(10_000), now) - 0.5) < 1e-9);
  });
});

describe('relevancePage', () => {
  const candidates: RankedCandidate[] = Array.from({ length: 23 }, (_, i) => ({
    id: String(100 + i),
    publishedAt: daysAgo(i % 3),
    // Ties on purpose: ids must break them.
    rank: [0.1, 0.2, 0.2, 0.4][i % 4] ?? 0,
  }));

  it('pages through every candidate exactly once, best first, ties by id', () => {
    const seen: string[] = [];
    let after: { score: number; id: string } | undefined;
    for (;;) {
      const { page, hasMore } = relevancePage(candidates, now, after, 5);
      seen.push(...page.map((c) => c.id));
      const last = page.at(-1);
      if (!hasMore || last === undefined) break;
      after = { score: last.score, id: last.id };
    }
    assert.equal(seen.length, candidates.length);
    assert.equal(new Set(seen).size, candidates.length);
    const scores = seen.map((id) => {
      const c = candidates.find((x) => x.id === id);
      return c === undefined ? 0 : relevanceScore(c.rank, c.publishedAt, now);
    });
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('says no more follow on the last page', () => {
    assert.equal(relevancePage(candidates, now, undefined, 23).hasMore, false);
    assert.equal(relevancePage(candidates, now, undefined, 22).hasMore, true);
  });
});
