import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { redisSkipReason, testEnv } from '../../test/env.js';
import type { Cache } from './cache.js';
import { closeRedis, createRedisClient, type Redis } from '../redis/redis-client.js';
import { createRedisCache } from './redis-cache.js';

const log = pino({ level: 'silent' });

describe('redis cache', { skip: redisSkipReason() }, () => {
  let redis: Redis;
  let cache: Cache;
  before(async () => {
    redis = await createRedisClient({ url: testEnv.redisUrl ?? '', log });
    cache = createRedisCache(redis);
  });
  after(() => closeRedis(redis));

  it('round-trips JSON values and reports itself up', async () => {
    const key = `test:${randomUUID()}`;
    await cache.set(key, { title: 'Rates rise', n: [1, 2] }, 30);
    assert.deepEqual(await cache.get(key), { title: 'Rates rise', n: [1, 2] });
    assert.deepEqual(await cache.health(), { status: 'up' });
    await cache.delete(key);
    assert.equal(await cache.get(key), undefined);
  });

  it('stores text beyond Latin-1 as UTF-8 and reads it back unchanged, raw or as JSON', async () => {
    // Values are written as bytes (redis-cache.ts): a two-byte string must survive the encoding.
    const text = 'Café “prices” — £5, 東京 📈 \u2028';
    const key = `test:${randomUUID()}`;
    await cache.set(key, { title: text }, 30);
    assert.deepEqual(await cache.get(key), { title: text });
    await cache.setRaw(`${key}:raw`, text, 30);
    assert.equal(await cache.getRaw(`${key}:raw`), text);
    assert.equal(await redis.strlen(`newsroom:cache:${key}:raw`), Buffer.byteLength(text));
    await cache.delete(key);
    await cache.delete(`${key}:raw`);
  });

  it('reads raw values back as their UTF-8 bytes, undecoded, and misses as undefined', async () => {
    const text = 'Café “prices” — 東京 📈';
    const key = `test:${randomUUID()}`;
    await cache.setRaw(key, Buffer.from(text, 'utf8'), 30);
    const bytes = await cache.getBytes(key);
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual(bytes, Buffer.from(text, 'utf8'));
    await cache.setRaw(`${key}:text`, text, 30);
    assert.deepEqual(await cache.getBytes(`${key}:text`), Buffer.from(text, 'utf8'));
    assert.equal(await cache.getBytes(`${key}:absent`), undefined);
    await cache.delete(key);
    await cache.delete(`${key}:text`);
  });

  it('expires entries after a fixed TTL that reads do not extend', async () => {
    const key = `test:${randomUUID()}`;
    await cache.set(key, 'v', 0.3);
    await sleep(180);
    assert.equal(await cache.get(key), 'v');
    await sleep(180);
    assert.equal(await cache.get(key), undefined);
  });
});

describe('redis cache with Redis unreachable', () => {
  it('turns reads into misses and writes into no-ops, and reports degraded', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const started = Date.now();
    const redis = await createRedisClient({ url: 'redis://127.0.0.1:1', log });
    const cache = createRedisCache(redis);
    try {
      await cache.set('k', 'v', 10);
      assert.equal(await cache.get('k'), undefined);
      assert.equal(await cache.getBytes('k'), undefined);
      assert.equal((await cache.health()).status, 'degraded');
      assert.ok(Date.now() - started < 10_000, 'must fail fast, not hang');
    } finally {
      await closeRedis(redis);
    }
  });
});
