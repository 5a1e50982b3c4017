import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryTerms, splitOnTerms } from '../../web/src/highlight.js';

describe('query term highlighting (web app)', () => {
  it('takes words and phrases, leaves out -exclusions and OR, longest first', () => {
    assert.deepEqual(queryTerms('climate "sea ice melt" -arctic OR policy'), [
      'sea ice melt',
      'climate',
      'policy',
    ]);
    assert.deepEqual(queryTerms('-"north pole" (storm),'), ['storm']);
  });

  it('marks terms at word starts in any case, and nothing inside other words', () => {
    assert.deepEqual(splitOnTerms('Climate talks: climatologists and the climate', ['climate']), [
      { text: 'Climate', match: true },
      { text: ' talks: climatologists and the ', match: false },
      { text: 'climate', match: true },
    ]);
    assert.deepEqual(splitOnTerms('Aclimate', ['climate']), [{ text: 'Aclimate', match: false }]);
  });

  it('treats terms as text, not patterns, and leaves markup in data as text', () => {
    assert.deepEqual(splitOnTerms('<b>a.b</b> axb', ['a.b']), [
      { text: '<b>', match: false },
      { text: 'a.b', match: true },
      { text: '</b> axb', match: false },
    ]);
  });
});
