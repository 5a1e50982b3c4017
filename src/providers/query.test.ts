import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, renderBoolean } from './query.js';

describe('parseQuery', () => {
  it('parses words, phrases, exclusions and OR', () => {
    assert.deepEqual(parseQuery('climate "sea ice" -arctic OR glaciers'), [
      [
        { text: 'climate', phrase: false, negated: false },
        { text: 'sea ice', phrase: true, negated: false },
        { text: 'arctic', phrase: false, negated: true },
      ],
      [{ text: 'glaciers', phrase: false, negated: false }],
    ]);
  });

  it('drops operator characters that upstream dialects would interpret', () => {
    assert.deepEqual(parseQuery('rates (AND) | !x:* +y'), [
      [
        { text: 'rates', phrase: false, negated: false },
        { text: 'AND', phrase: false, negated: false },
        { text: 'x', phrase: false, negated: false },
        { text: 'y', phrase: false, negated: false },
      ],
    ]);
  });

  it('drops clauses made only of exclusions and tolerates an unclosed quote', () => {
    assert.deepEqual(parseQuery('-sport OR "bank rate'), [
      [{ text: 'bank rate', phrase: true, negated: false }],
    ]);
  });

  it('keeps non-Latin scripts', () => {
    assert.equal(parseQuery('Зеленский 東京')[0]?.length, 2);
  });
});

describe('renderBoolean', () => {
  it('uses explicit AND, OR and NOT with quoted phrases', () => {
    assert.equal(
      renderBoolean(parseQuery('climate "sea ice" -arctic OR glaciers melt')),
      '(climate AND "sea ice" AND NOT arctic) OR (glaciers AND melt)',
    );
  });

  it('quotes words that would read as operators', () => {
    assert.equal(renderBoolean(parseQuery('rock and OR roll')), '(rock AND "and") OR roll');
    assert.equal(renderBoolean(parseQuery('"NOT" news')), '"NOT" AND news');
  });
});
