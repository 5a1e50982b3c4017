import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { redisSkipReason, testEnv } from '../../test/env.js';
import { createAddressQuota } from './address-quota.js';

const silent = { warn: () => undefined };

describe('address quota', () => {
  it('counts in memory alone without Redis, and refuses once the hour is used up', () => {
    let now = Date.parse('2026-11-27T10:59:58Z');
    const quota = createAddressQuota({ limit: 2, redis: undefined, now: () => now, log: silent });
    assert.deepEqual(
      [quota.take('a').allowed, quota.take('a').allowed, quota.take('a').allowed],
      [true, true, false],
    );
    const refused = quota.take('a');
    assert.equal(refused.remaining, 0);
    assert.equal(refused.resetMs, 2000);
    assert.equal(quota.take('b').allowed, true, 'another address has its own count');
    now += 2000; // the next clock hour
    assert.equal(quota.take('a').allowed, true);
    quota.close();
  });

  describe('shared through Redis', { skip: redisSkipReason() }, () => {
    let redis: Redis;
    before(() => {
      redis = new Redis(testEnv.redisUrl ?? '');
    });
    after(() => redis.quit());

    it('gives every instance the others’ counts within a sync interval', async () => {
      const options = { limit: 5, redis, now: Date.now, log: silent, syncMs: 20 };
      const a = createAddressQuota(options);
      const b = createAddressQuota(options);
      const address = `198.51.100.7-${randomUUID()}`;
      for (let i = 0; i < 3; i += 1) assert.equal(a.take(address).allowed, true);
      await sleep(100); // a's three reach Redis
      assert.equal(b.take(address).allowed, true);
      assert.equal(b.take(address).allowed, true); // five in all, across both
      await sleep(100); // b sends its two and learns the total
      assert.equal(b.take(address).allowed, false, 'b knows all five are spent');
      // a last heard "3": its next request is judged on that (the bounded overshoot, at most
      // one sync interval of the other instances' traffic), and its sync brings the total back.
      a.take(address);
      await sleep(100);
      assert.equal(a.take(address).allowed, false, 'a knows too after one sync');
      const hour = Math.floor(Date.now() / 3_600_000);
      const total = Number(await redis.get(`newsroom:address-quota:${String(hour)}:${address}`));
      assert.ok(total <= 6, `at most one request over the limit in all (${String(total)})`);
      a.close();
      b.close();
    });
  });
});
