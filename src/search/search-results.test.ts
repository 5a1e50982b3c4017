import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHeadlineSentiment } from './headline-sentiment.js';
import { cacheableEntry, type ResultsEntry, type StoredResult } from './search-results.js';

function result(i: number): StoredResult {
  return {
    articleId: String(i),
    canonicalUrl: `https://example.com/story-${i}`,
    url: `https://www.example.com/story-${i}?utm_source=x`,
    // Beyond Latin-1 on purpose: the entry is encoded as UTF-8 bytes.
    title: i % 2 === 0 ? `Markets rally — story ${i}` : `Floods kill dozens in 東京 ${i}`,
    description: null,
    author: null,
    imageUrl: null,
    language: 'en',
    publishedAt: new Date(Date.UTC(2026, 10, 27, 12, i)).toISOString(),
    providers: ['newsapi'],
    outlets: ['Example'],
    sources: [
      {
        provider: 'newsapi',
        providerId: `n${i}`,
        outlet: 'Example',
        url: null,
        score: null,
        comments: null,
      },
    ],
    score: 1 / (i + 1),
    scoreBreakdown: { text: 1, recency: 0.5, agreement: 0.3333 },
    sentiment: null,
    entities: null,
  };
}

function entry(count: number): ResultsEntry {
  return {
    fetchedAt: '2026-11-27T12:00:00.000Z',
    expiresAt: 1_795_780_000_000,
    partial: false,
    persisted: true,
    outcomes: [{ provider: 'newsapi', status: 'ok', count, durationMs: 250 }],
    results: Array.from({ length: count }, (_, i) => result(i)),
  };
}

describe('the cached form of a result set', () => {
  const analyser = {
    name: 'fixed',
    version: '1',
    analyse: (text: string) => ({
      score: text.startsWith('Floods') ? -0.5 : 0.5,
      label: text.startsWith('Floods') ? ('negative' as const) : ('positive' as const),
    }),
  };

  // Around the slice size (16): empty, one, a slice, a slice and one, several slices.
  for (const count of [0, 1, 16, 17, 40]) {
    it(`is the entry's JSON, every result with headline sentiment (${count} results)`, async () => {
      const original = entry(count);
      const bytes = await cacheableEntry(original, createHeadlineSentiment(analyser));
      const parsed = JSON.parse(bytes.toString('utf8')) as ResultsEntry;
      assert.deepEqual(parsed, original);
      assert.equal(parsed.results.length, count);
      for (const [i, r] of parsed.results.entries()) {
        assert.deepEqual(r.sentiment, analyser.analyse(r.title), `result ${i}`);
      }
    });
  }

  it('leaves sentiment null without an analyser', async () => {
    const parsed = JSON.parse(
      (await cacheableEntry(entry(3), undefined)).toString(),
    ) as ResultsEntry;
    assert.deepEqual(
      parsed.results.map((r) => r.sentiment),
      [null, null, null],
    );
  });
});
