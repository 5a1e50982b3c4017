import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('recognises refused connections, shutdowns and the pool connect timeout', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    assert.equal(isDatabaseUnavailable(refused), true);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '57P01' })), true);
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '08006' })), true);
    assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
    assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
    assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: refused })), true);
  });

  it('leaves bugs and bad statements alone', () => {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '42P01' })), false);
    assert.equal(isDatabaseUnavailable(new TypeError('undefined is not a function')), false);
    assert.equal(isDatabaseUnavailable(null), false);
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  });
});
