import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseStrategy,
  includedLexemes,
  windowStarts,
  withoutPhrases,
} from './search-strategy.js';

const STORE = 1_000_000;
/** An estimate for a one-word query over the whole store. */
const word = (matches: number, indexable = true) => ({
  matches,
  rowsInRange: STORE,
  rows: STORE,
  lexemeRows: [matches],
  phrase: false,
  indexable,
});

describe('chooseStrategy', () => {
  it('walks the recency index for a word in most articles', () => {
    assert.deepEqual(chooseStrategy(word(600_000), 200), {
      strategy: 'walk',
    });
  });

  it('takes every GIN match of a rare word instead of walking the store for it', () => {
    const plan = chooseStrategy(word(150), 21);
    assert.deepEqual(plan, { strategy: 'bitmap', firstWindow: 1 });
  });

  it('fetches every match of a word below the planner’s resolution, even for 100 candidates', () => {
    // Words missing from the column statistics are all estimated alike (here 714 rows).
    assert.deepEqual(chooseStrategy(word(714), 100), { strategy: 'bitmap', firstWindow: 1 });
  });

  it('looks at a time window sized for twice the matches needed for a mid-frequency word', () => {
    const plan = chooseStrategy(word(20_000), 200);
    assert.equal(plan.strategy, 'bitmap');
    assert.ok(plan.strategy === 'bitmap' && Math.abs(plan.firstWindow - 0.02) < 1e-9);
  });

  it('walks when the GIN index cannot narrow the query (only exclusions)', () => {
    const plan = chooseStrategy(word(10, false), 21);
    assert.deepEqual(plan, { strategy: 'walk' });
  });

  it('walks a date range dense in matches rather than reading the word’s whole GIN list', () => {
    const dated = { ...word(30_000), rowsInRange: 40_000, lexemeRows: [400_000] };
    assert.deepEqual(chooseStrategy(dated, 21), { strategy: 'walk' });
  });

  it('sizes a phrase between the planner estimate and its rarest word', () => {
    // Planner: 2,000 (words taken as independent); each word is in 46,000 articles.
    const phrase = { ...word(2_000), lexemeRows: [46_000, 46_000], phrase: true };
    const plan = chooseStrategy(phrase, 200);
    assert.equal(plan.strategy, 'bitmap');
    const assumed = Math.sqrt(2_000 * 46_000);
    assert.ok(plan.strategy === 'bitmap' && Math.abs(plan.firstWindow - 400 / assumed) < 1e-9);
  });

  it('walks for two common words whose GIN lists cost more than the walk', () => {
    const twoWords = { ...word(8_500), lexemeRows: [100_000, 90_000] };
    assert.deepEqual(chooseStrategy(twoWords, 21), { strategy: 'walk' });
  });
});

describe('windowStarts', () => {
  it('grows windows x4 from the newest time and ends with an unbounded one', () => {
    const day = 86_400_000;
    const starts = windowStarts(1000 * day, 0, 0.01);
    assert.deepEqual(starts, [990 * day, 960 * day, 840 * day, 360 * day, null]);
  });

  it('is a single unbounded window when the first one would cover everything', () => {
    assert.deepEqual(windowStarts(1000, 0, 1), [null]);
  });
});

describe('includedLexemes', () => {
  it('lists the words a query needs, not the excluded ones', () => {
    assert.deepEqual(includedLexemes("'a' & !'b' & ( 'c' <-> 'it''s' ) | ! 'd'"), [
      "'a'",
      "'c'",
      "'it''s'",
    ]);
  });
});

describe('withoutPhrases', () => {
  it('turns phrase operators into AND, leaving lexemes that contain them alone', () => {
    assert.equal(withoutPhrases("'space' <-> 'station'"), "'space' & 'station'");
    assert.equal(withoutPhrases("'a' <2> 'b' | !'c'"), "'a' & 'b' | !'c'");
    assert.equal(withoutPhrases("'it''s<->x' <-> 'y'"), "'it''s<->x' & 'y'");
  });
});
