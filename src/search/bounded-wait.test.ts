import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitAtMost } from './bounded-wait.js';

describe('waitAtMost', () => {
  it('gives the value of a promise that settles in time', async () => {
    assert.deepEqual(await waitAtMost(Promise.resolve(7), 1000, 0), { value: 7, late: false });
  });

  it('gives the fallback once the time is up, and leaves the promise running', async () => {
    let finished = false;
    const slow = sleep(80).then(() => {
      finished = true;
      return 7;
    });
    assert.deepEqual(await waitAtMost(slow, 10, 0), { value: 0, late: true });
    assert.equal(finished, false);
    assert.equal(await slow, 7);
  });

  it('passes on a rejection that comes in time', async () => {
    await assert.rejects(waitAtMost(Promise.reject(new Error('boom')), 1000, 0), /boom/);
  });
});
