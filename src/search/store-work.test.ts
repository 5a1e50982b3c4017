import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStoreWorkLimit, isShed, storeWorkSlots } from './store-work.js';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('storeWorkSlots', () => {
  it('defaults to half the pool, at least one, unless configured', () => {
    assert.equal(storeWorkSlots(10, undefined), 5);
    assert.equal(storeWorkSlots(3, undefined), 1);
    assert.equal(storeWorkSlots(1, undefined), 1);
    assert.equal(storeWorkSlots(10, 8), 8);
  });
});

describe('createStoreWorkLimit', () => {
  it('runs up to its slots, queues twenty per slot in order, sheds the rest', async () => {
    const limit = createStoreWorkLimit(1);
    const blocker = gate();
    const order: number[] = [];
    const first = limit.run(async () => {
      await blocker.promise;
      order.push(0);
    });
    const queued = Array.from({ length: 20 }, (_, i) =>
      limit.run(async () => {
        order.push(i + 1);
      }),
    );
    assert.deepEqual(limit.stats(), { running: 1, queued: 20 });
    await assert.rejects(
      limit.run(async () => undefined),
      (error) => isShed(error),
    );

    blocker.open();
    await Promise.all([first, ...queued]);
    assert.deepEqual(
      order,
      Array.from({ length: 21 }, (_, i) => i),
    );
    assert.deepEqual(limit.stats(), { running: 0, queued: 0 });
  });

  it('drains: waits for running and queued work, or says it could not in time', async () => {
    const limit = createStoreWorkLimit(1);
    const blocker = gate();
    const finished: string[] = [];
    void limit.run(async () => {
      await blocker.promise;
      finished.push('running');
    });
    void limit.run(async () => {
      finished.push('queued');
    });
    assert.equal(await limit.drain(20), false);
    assert.deepEqual(finished, []);
    setTimeout(blocker.open, 10);
    assert.equal(await limit.drain(1000), true);
    assert.deepEqual(finished, ['running', 'queued']);
  });

  it('frees the slot of work that fails and passes the failure on', async () => {
    const limit = createStoreWorkLimit(1);
    await assert.rejects(
      limit.run(() => Promise.reject(new Error('connection lost'))),
      (error) => error instanceof Error && !isShed(error) && error.message === 'connection lost',
    );
    assert.equal(await limit.run(() => Promise.resolve(42)), 42);
    assert.deepEqual(limit.stats(), { running: 0, queued: 0 });
  });
});
