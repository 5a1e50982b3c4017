import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { canonicaliseSearch, decodeCursor, encodeCursor, resultsKey } from './search-params.js';

const known = ['guardian', 'newsapi', 'reddit'];
type Params = Parameters<typeof canonicaliseSearch>[0];
const canonical = (params: Partial<Params>) =>
  canonicaliseSearch({ sort: 'relevance', limit: 20, q: 'x', ...params }, known, known);

describe('canonicaliseSearch', () => {
  it('folds case, width, spacing and operator spelling into one key', () => {
    const a = canonical({ q: '  Climate   "Sea ICE" -Arctic OR glaciers ' });
    const b = canonical({ q: 'climate "sea ice" -arctic OR Ｇｌａｃｉｅｒｓ' });
    assert.equal(a.q, 'climate "sea ice" -arctic OR glaciers');
    assert.equal(resultsKey(a), resultsKey(b));
  });

  it('keeps OR an operator only in capitals, as the query syntax says', () => {
    assert.equal(canonical({ q: 'rock or roll' }).parsed.length, 1);
    assert.equal(canonical({ q: 'rock OR roll' }).parsed.length, 2);
  });

  it('makes the provider default explicit and the order irrelevant', () => {
    const all = canonical({ q: 'rates' });
    const named = canonical({ q: 'rates', providers: 'reddit, newsapi,guardian,reddit' });
    assert.deepEqual(all.providers, ['guardian', 'newsapi', 'reddit']);
    assert.equal(resultsKey(all), resultsKey(named));
    assert.notEqual(resultsKey(all), resultsKey(canonical({ q: 'rates', providers: 'reddit' })));
  });

  it('distinguishes what changes the results: dates and language', () => {
    const base = resultsKey(canonical({ q: 'rates' }));
    assert.notEqual(base, resultsKey(canonical({ q: 'rates', language: 'de' })));
    assert.notEqual(base, resultsKey(canonical({ q: 'rates', from: '2026-11-01T00:00:00Z' })));
  });

  it('rejects unknown providers, reversed dates and queries with nothing to search', () => {
    for (const params of [
      { q: 'rates', providers: 'bbc' },
      { q: 'rates', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { q: '- OR ""' },
    ]) {
      assert.throws(
        () => canonical(params),
        (e) => e instanceof AppError && e.code === 'validation_failed',
      );
    }
  });
});

describe('search cursors', () => {
  it('round-trip an offset and refuse a cursor from another search', () => {
    const key = resultsKey(canonical({ q: 'rates' }));
    assert.equal(decodeCursor(encodeCursor(key, 40), key), 40);
    assert.equal(decodeCursor(undefined, key), 0);
    const other = resultsKey(canonical({ q: 'bonds' }));
    assert.throws(() => decodeCursor(encodeCursor(key, 40), other), AppError);
    assert.throws(() => decodeCursor('garbage', key), AppError);
  });
});
