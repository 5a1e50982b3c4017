import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';

describe('time cursors', () => {
  it('round-trips a key with microseconds', () => {
    const key = { at: '2026-11-27T12:00:00.123456Z', id: '42' };
    assert.deepEqual(decodeTimeCursor(encodeTimeCursor(key)), key);
    assert.equal(decodeTimeCursor(undefined), undefined);
  });

  it('refuses anything it did not issue with a 400', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'garbage',
      '',
      forged(['2026-11-27T12:00:00Z', '1']),
      forged(['2026-11-27T12:00:00.000000Z', '0']),
      forged(['2026-11-27T12:00:00.000000Z', '1; drop table users']),
      forged({ at: '2026-11-27T12:00:00.000000Z', id: '1' }),
      forged(['2026-13-45T12:00:00.000000Z', '1']),
    ]) {
      assert.throws(
        () => decodeTimeCursor(cursor),
        (error) => error instanceof AppError && error.code === 'validation_failed',
        cursor,
      );
    }
  });
});
