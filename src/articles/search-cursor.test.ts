import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { decodeCursor, encodeCursor, queryFingerprint } from './search-cursor.js';

const badCursor = (e: unknown) => e instanceof AppError && e.code === 'validation_failed';

describe('page cursors', () => {
  const fingerprint = queryFingerprint('rates', { language: 'en' }, 'relevance');
  const state = {
    snapshot: '1000',
    referenceTime: new Date('2026-11-27T00:00:00Z'),
    after: { score: 0.123456789012345, id: '42' },
  };

  it('round-trips the snapshot, reference time and exact score', () => {
    assert.deepEqual(
      decodeCursor(encodeCursor(fingerprint, state), fingerprint, 'relevance'),
      state,
    );
  });

  it('round-trips a recency position with microseconds', () => {
    const recency = queryFingerprint('rates', {}, 'recency');
    const after = { publishedAt: '2026-11-27T01:02:03.123456Z', id: '7' };
    const cursor = encodeCursor(recency, { ...state, after });
    assert.deepEqual(decodeCursor(cursor, recency, 'recency').after, after);
  });

  it('refuses a cursor issued for another query or sort', () => {
    const cursor = encodeCursor(fingerprint, state);
    const other = queryFingerprint('rates', { language: 'de' }, 'relevance');
    assert.throws(() => decodeCursor(cursor, other, 'relevance'), badCursor);
    assert.throws(() => decodeCursor(cursor, fingerprint, 'recency'), badCursor);
  });

  it('refuses garbage and tampered payloads', () => {
    for (const cursor of ['not-a-cursor', '', Buffer.from('{"v":1}').toString('base64url')]) {
      assert.throws(() => decodeCursor(cursor, fingerprint, 'relevance'), badCursor, cursor);
    }
    const tampered = Buffer.from(
      JSON.stringify({ v: 1, f: fingerprint, s: '1; drop', t: 0, k: [1, '2'] }),
    ).toString('base64url');
    assert.throws(() => decodeCursor(tampered, fingerprint, 'relevance'), badCursor);
  });
});
