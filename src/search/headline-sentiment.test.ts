import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleDraft } from '../../test/factories.js';
import type { SentimentAnalyser } from '../intelligence/sentiment/sentiment.js';
import { createSentimentAnalyser } from '../intelligence/sentiment/index.js';
import { createHeadlineSentiment } from './headline-sentiment.js';

describe('headline sentiment for live results', () => {
  it('reads the headline with the product analyser', () => {
    const sentiment = createHeadlineSentiment(createSentimentAnalyser());
    assert.equal(sentiment.of('Floods kill dozens as storm batters the coast').label, 'negative');
    assert.equal(sentiment.of('Rescuers save every child from flooded cave').label, 'positive');
  });

  it('analyses each headline once, ahead of time when its page arrives', () => {
    const seen: string[] = [];
    const counting: SentimentAnalyser = {
      name: 'counting',
      version: '1',
      analyse(text) {
        seen.push(text);
        return { score: 0.123456, label: 'positive' };
      },
    };
    const sentiment = createHeadlineSentiment(counting);
    const drafts = [articleDraft({ title: 'A' }), articleDraft({ title: 'B' })];
    sentiment.prepare(drafts);
    assert.deepEqual(seen, ['A', 'B']);
    assert.deepEqual(sentiment.of('A'), { score: 0.123, label: 'positive' });
    assert.deepEqual(seen, ['A', 'B'], 'no second analysis');
  });
});
