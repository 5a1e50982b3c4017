import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findUnstorable } from './input-hygiene.js';

describe('findUnstorable', () => {
  it('names the field holding a NUL character', () => {
    assert.deepEqual(findUnstorable({ note: 'ok', tags: ['a', 'b\u0000c'] }), {
      path: '/tags/1',
      message: 'must not contain NUL characters',
    });
  });

  it('finds a NUL in a key', () => {
    assert.equal(
      findUnstorable({ 'out\u0000lets': [] })?.message,
      'must not contain NUL characters',
    );
  });

  it('names a number coerced to Infinity ("1e309" in a query string)', () => {
    assert.deepEqual(findUnstorable({ limit: Infinity }), {
      path: '/limit',
      message: 'must be a finite number',
    });
  });

  it('walks 10,000 levels of nesting without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    assert.equal(findUnstorable(deep)?.message, 'must not contain NUL characters');
  });

  it('accepts ordinary values, lone surrogates and undefined', () => {
    assert.equal(findUnstorable({ q: "o'brien & co :*", n: 20, s: '\ud800', b: true }), undefined);
    assert.equal(findUnstorable(undefined), undefined);
  });
});
