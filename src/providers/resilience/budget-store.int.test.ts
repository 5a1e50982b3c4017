import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, testEnv } from '../../../test/env.js';
import { closeRedis, createRedisClient, type Redis } from '../../redis/redis-client.js';
import {
  createMemoryBudgetStore,
  createRedisBudgetStore,
  perDay,
  perSecond,
  type BudgetStore,
} from './budget-store.js';

const now = new Date('2026-11-27T10:00:00.250Z');

function behavesAsABudget(name: string, makeStore: () => BudgetStore) {
  describe(name, () => {
    it('allows exactly the limit under 200 concurrent callers, then refuses', async () => {
      const store = makeStore();
      const provider = `p-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.consume(provider, [perDay(37)], now)),
      );
      assert.equal(results.filter(Boolean).length, 37);
      const [usage] = await store.usage(provider, [perDay(37)], now);
      assert.equal(usage?.used, 37);
      assert.equal(usage?.remaining, 0);
      assert.equal(usage?.resetAt.toISOString(), '2026-11-28T00:00:00.000Z');
    });

    it('counts a call in every window only when all windows have room', async () => {
      const store = makeStore();
      const provider = `p-${randomUUID()}`;
      const windows = [perSecond(2), perDay(3)];
      assert.equal(await store.consume(provider, windows, now), true);
      assert.equal(await store.consume(provider, windows, now), true);
      assert.equal(await store.consume(provider, windows, now), false, 'second window full');
      const nextSecond = new Date(now.getTime() + 1000);
      assert.equal(await store.consume(provider, windows, nextSecond), true);
      assert.equal(await store.consume(provider, windows, nextSecond), false, 'day window full');
      const usage = await store.usage(provider, windows, nextSecond);
      assert.deepEqual(
        usage.map((u) => [u.window, u.used]),
        [
          ['second', 1],
          ['day', 3],
        ],
      );
    });

    it('starts a fresh count in the next window', async () => {
      const store = makeStore();
      const provider = `p-${randomUUID()}`;
      assert.equal(await store.consume(provider, [perDay(1)], now), true);
      assert.equal(await store.consume(provider, [perDay(1)], now), false);
      const tomorrow = new Date('2026-11-28T00:00:01Z');
      assert.equal(await store.consume(provider, [perDay(1)], tomorrow), true);
    });
  });
}

behavesAsABudget('memory budget store', createMemoryBudgetStore);

describe('redis budget store', { skip: redisSkipReason() }, () => {
  let redis: Redis;
  const log = pino({ level: 'silent' });
  before(async () => {
    redis = await createRedisClient({ url: testEnv.redisUrl ?? '', log });
  });
  after(() => closeRedis(redis));
  behavesAsABudget('shared through Redis', () => createRedisBudgetStore(redis, log));

  it('is shared: two stores (two instances) together never exceed the limit', async () => {
    const other = await createRedisClient({ url: testEnv.redisUrl ?? '', log });
    try {
      const a = createRedisBudgetStore(redis, log);
      const b = createRedisBudgetStore(other, log);
      const provider = `p-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).consume(provider, [perDay(25)], now)),
      );
      assert.equal(results.filter(Boolean).length, 25);
    } finally {
      await closeRedis(other);
    }
  });
});

describe('redis budget store with Redis down', () => {
  it('keeps limiting by counting locally', async () => {
    const log = pino({ level: 'silent' });
    const redis = await createRedisClient({ url: 'redis://127.0.0.1:1', log });
    try {
      const store = createRedisBudgetStore(redis, log);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.consume('newsapi', [perDay(4)], now)),
      );
      assert.equal(results.filter(Boolean).length, 4);
    } finally {
      await closeRedis(redis);
    }
  });
});
