import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { cleanQuery, parseDateBounds } from './search-params.js';

const rejects = (fn: () => unknown, message: RegExp) =>
  assert.throws(
    fn,
    (e: unknown) =>
      e instanceof AppError && e.code === 'validation_failed' && message.test(e.message),
  );

describe('cleanQuery', () => {
  it('turns control characters (NUL included) into spaces and collapses whitespace', () => {
    assert.equal(cleanQuery('  rates\u0000\tbank\n "hold" '), 'rates bank "hold"');
  });

  it('keeps web-search syntax and punctuation for websearch_to_tsquery to read', () => {
    assert.equal(cleanQuery('"a b" -c OR d & | ! ( ) :* <->'), '"a b" -c OR d & | ! ( ) :* <->');
  });

  it('refuses a q with no letter or digit', () => {
    rejects(() => cleanQuery('& | ! ( ) :* <-> "" -'), /no searchable words/);
  });
});

describe('parseDateBounds', () => {
  it('reads a date-only to as the whole day', () => {
    assert.deepEqual(parseDateBounds('2026-11-01', '2026-11-02'), {
      from: new Date('2026-11-01T00:00:00Z'),
      before: new Date('2026-11-03T00:00:00Z'),
    });
  });

  it('reads a date-time to as inclusive', () => {
    assert.deepEqual(parseDateBounds(undefined, '2026-11-02T10:00:00+02:00'), {
      before: new Date('2026-11-02T08:00:00.001Z'),
    });
  });

  it('refuses reversed and impossible dates', () => {
    rejects(() => parseDateBounds('2026-11-03', '2026-11-02'), /from must not be after/);
    rejects(() => parseDateBounds('2026-02-30', undefined), /from is not a valid date/);
  });
});
