import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityKey } from './entity-key.js';
import { createEntityExtractor, type ExtractedEntity } from './index.js';

const extractor = createEntityExtractor();
const summary = (entities: ExtractedEntity[]): string[] =>
  entities.map((e) => `${e.kind}:${e.key}:${e.mentions}`).sort();

describe('entity keys', () => {
  it('fold case, accents, punctuation, titles and possessives', () => {
    assert.equal(entityKey('President Joe Biden'), 'joe biden');
    assert.equal(entityKey("JOE BIDEN's"), 'joe biden');
    assert.equal(entityKey('Beyoncé'), 'beyonce');
    assert.equal(entityKey('Dr. Anthony Fauci'), 'anthony fauci');
    assert.equal(entityKey('U.S.'), 'us');
    assert.equal(entityKey('The President'), '');
  });
});

describe('entity extractor', () => {
  it('finds people, organisations and places in a headline', () => {
    const found = extractor.extract('Elon Musk says Tesla will build new factory in Mexico');
    assert.ok(summary(found).includes('organisation:tesla:1'));
    assert.ok(summary(found).includes('place:mexico:1'));
  });

  it('merges "Biden" into "Joe Biden" within one text and counts both mentions', () => {
    const found = extractor.extract(
      'Joe Biden defends his record as Biden allies rally in Delaware',
    );
    assert.deepEqual(summary(found), ['person:joe biden:2', 'place:delaware:1']);
    assert.equal(found.find((e) => e.kind === 'person')?.name, 'Joe Biden');
  });

  it('drops titles from names and possessives from keys', () => {
    const found = extractor.extract(
      "Prime Minister Giorgia Meloni's visit: Pope Francis at the Vatican",
    );
    assert.ok(summary(found).includes('person:francis:1'));
    assert.ok(found.every((e) => !e.name.startsWith('Prime') && !e.key.endsWith(' s')));
  });

  it('prefers the gazetteer and the longer name over compromise fragments', () => {
    assert.deepEqual(summary(extractor.extract('Bank of England raises rates again')), [
      'organisation:bank of england:1',
    ]);
    assert.deepEqual(summary(extractor.extract('Chelsea appoint new manager')), [
      'organisation:chelsea:1',
    ]);
  });

  it('returns nothing for text without names', () => {
    assert.deepEqual(extractor.extract('House prices fall for third month in a row'), []);
    assert.deepEqual(extractor.extract(''), []);
    assert.deepEqual(extractor.extract('🔥🔥🔥'), []);
  });

  it('never throws on hostile text and reads HTML as text', () => {
    assert.deepEqual(summary(extractor.extract('<p>Storm hits <b>Japan</b> &amp; Taiwan</p>')), [
      'place:japan:1',
      'place:taiwan:1',
    ]);
    for (const text of ['\u0000\u0007\u202E', '<<<&&&>>>', 'A'.repeat(1_000_000), undefined]) {
      assert.doesNotThrow(() => extractor.extract(text as string));
    }
  });

  it('truncates a 1 MB text and stays fast', () => {
    const huge = 'Angela Merkel visited Paris and met officials from Google. '.repeat(20_000);
    const started = performance.now();
    const found = extractor.extract(huge);
    const elapsedMs = performance.now() - started;
    assert.ok(found.some((e) => e.key === 'angela merkel'));
    assert.ok(elapsedMs < 2_000, `took ${elapsedMs} ms`);
  });
});
