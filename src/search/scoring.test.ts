import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../providers/query.js';
import type { MergedStory } from './dedupe.js';
import { scoreStory, type ScoringOptions } from './scoring.js';

const now = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const options: ScoringOptions = { now, providersAsked: 3 };

function story(overrides: Partial<MergedStory> = {}): MergedStory {
  return {
    canonicalUrl: 'https://news.example/story',
    url: 'https://news.example/story',
    title: 'Untitled',
    description: null,
    content: null,
    author: null,
    imageUrl: null,
    language: 'en',
    publishedAt: now,
    providers: ['newsapi'],
    outlets: ['Example News'],
    ...overrides,
  };
}

const score = (s: MergedStory, q: string, o: Partial<ScoringOptions> = {}) =>
  scoreStory(s, parseQuery(q), { ...options, ...o });

describe('scoreStory', () => {
  describe('text', () => {
    it('weighs a title match over a description match over a content match', () => {
      const title = score(story({ title: 'Inflation cools' }), 'inflation');
      const description = score(story({ description: 'Inflation cools' }), 'inflation');
      const content = score(story({ content: 'Inflation cools' }), 'inflation');
      assert.deepEqual([title.text, description.text, content.text], [3 / 6, 2 / 6, 1 / 6]);
      assert.ok(title.total > description.total && description.total > content.total);
    });

    it('adds the fields a term is found in, once per field however often it repeats', () => {
      const everywhere = story({
        title: 'Inflation, inflation, inflation',
        description: 'Inflation again',
        content: 'More inflation',
      });
      assert.equal(score(everywhere, 'inflation').text, 1);
    });

    it('scores an AND clause by the share of its terms found', () => {
      const s = story({ title: 'Inflation cools in Germany' });
      assert.equal(score(s, 'inflation germany').text, 3 / 6);
      assert.equal(score(s, 'inflation france').text, 3 / 12);
    });

    it('matches a quoted phrase only as adjacent words in order, split words anywhere', () => {
      const adjacent = story({ title: 'Interest rates rise again' });
      const apart = story({ title: 'Rates rise as interest in bonds grows' });
      assert.equal(score(adjacent, '"interest rates"').text, 3 / 6);
      assert.equal(score(apart, '"interest rates"').text, 0);
      assert.equal(score(apart, 'interest rates').text, 3 / 6);
      assert.equal(score(story({ title: 'Rates interest' }), '"interest rates"').text, 0);
    });

    it('matches whole words, not parts of words', () => {
      assert.equal(score(story({ title: 'Artists protest AI' }), 'art').text, 0);
    });

    it('takes the best clause of an OR query', () => {
      const s = story({ title: 'Bank of England holds rates', content: 'The Fed is next' });
      assert.equal(score(s, 'fed OR "bank of england"').text, 3 / 6);
      assert.equal(score(s, 'fed OR ecb').text, 1 / 6);
    });

    it('ignores case and accents on both sides', () => {
      const s = story({ title: 'Zürich CAFÉ owners protest', description: 'Ёлка on Red Square' });
      assert.equal(score(s, 'zurich cafe').text, 3 / 6);
      assert.equal(score(s, 'ZÜRICH Café').text, 3 / 6);
      assert.equal(score(s, 'елка').text, 2 / 6);
    });

    it('finds a term inside unspaced Chinese or Japanese text', () => {
      assert.equal(score(story({ title: '日本銀行が利上げを決定' }), '利上げ').text, 3 / 6);
    });

    it('never scores a negated term, and zeroes a clause whose negated term appears', () => {
      const s = story({ title: 'Rates rise', description: 'Crypto slumps' });
      assert.equal(score(s, 'rates -crypto').text, 0);
      assert.equal(score(s, 'rates -bitcoin').text, 3 / 6);
      assert.equal(score(s, 'rates -crypto OR rise').text, 3 / 6);
    });

    it('scores 0 text for a query with no positive terms', () => {
      assert.equal(scoreStory(story({ title: 'Rates rise' }), [], options).text, 0);
    });
  });

  describe('recency and agreement', () => {
    it('ranks the newer of two equal text matches higher, halving recency per half-life', () => {
      const fresh = score(story({ title: 'Rates rise' }), 'rates');
      const old = score(story({ title: 'Rates rise', publishedAt: hoursAgo(48) }), 'rates');
      assert.equal(fresh.recency, 1);
      assert.equal(old.recency, 0.5);
      assert.ok(fresh.total > old.total);
      const custom = score(story({ publishedAt: hoursAgo(12) }), 'rates', { halfLifeHours: 6 });
      assert.equal(custom.recency, 0.25);
    });

    it('counts a future publication date as brand new', () => {
      assert.equal(score(story({ publishedAt: hoursAgo(-5) }), 'x').recency, 1);
    });

    it('ranks a story more providers agree on higher at equal text and age', () => {
      const one = score(story({ title: 'Rates rise' }), 'rates');
      const two = score(story({ title: 'Rates rise', providers: ['newsapi', 'reddit'] }), 'rates');
      assert.equal(one.agreement, 1 / 3);
      assert.equal(two.agreement, 2 / 3);
      assert.ok(two.total > one.total);
    });

    it('caps agreement at 1 and tolerates zero providers asked', () => {
      const s = story({ providers: ['newsapi', 'guardian'] });
      assert.equal(score(s, 'x', { providersAsked: 0 }).agreement, 1);
    });
  });

  describe('total', () => {
    it('combines as (0.1 + 0.9·text) · (0.5 + 0.5·recency) · (2 + agreement) / 3', () => {
      const s = story({ title: 'Rates rise', publishedAt: hoursAgo(48) });
      const { total } = score(s, 'rates');
      assert.ok(Math.abs(total - 0.55 * 0.75 * (7 / 9)) < 1e-12);
      const best = story({ title: 'Rates', description: 'rates', content: 'rates' });
      assert.equal(score(best, 'rates', { providersAsked: 1 }).total, 1);
    });

    it('ranks a four-day-old title match from one provider over a fresh content-only match seen by all', () => {
      const titled = story({ title: 'Rates rise', publishedAt: hoursAgo(96) });
      const buried = story({ content: 'rates', providers: ['newsapi', 'guardian', 'reddit'] });
      assert.ok(score(titled, 'rates').total > score(buried, 'rates').total);
    });

    it('orders stories without a text match by recency rather than tying them at zero', () => {
      const fresh = score(story(), 'rates');
      const old = score(story({ publishedAt: hoursAgo(72) }), 'rates');
      assert.equal(fresh.text, 0);
      assert.ok(fresh.total > old.total && old.total > 0);
    });
  });
});
