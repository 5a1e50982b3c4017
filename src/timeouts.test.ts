import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TimeoutError, withTimeout } from './timeouts.js';

describe('withTimeout', () => {
  it('gives the value of a promise that settles in time', async () => {
    assert.equal(await withTimeout(Promise.resolve(7), 1000), 7);
  });

  it('rejects with a TimeoutError once the time is up, and leaves the promise running', async () => {
    let finished = false;
    const slow = sleep(80).then(() => {
      finished = true;
      return 7;
    });
    await assert.rejects(withTimeout(slow, 10), TimeoutError);
    assert.equal(finished, false);
    assert.equal(await slow, 7);
  });

  it('passes on a rejection that comes in time', async () => {
    await assert.rejects(withTimeout(Promise.reject(new Error('boom')), 1000), /boom/);
  });
});
