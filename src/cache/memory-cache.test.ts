import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createMemoryCache } from './memory-cache.js';

describe('memory cache', () => {
  it('returns what was stored until the TTL passes, then misses', async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    await cache.set('k', { n: 1 }, 0.15);
    assert.deepEqual(await cache.get('k'), { n: 1 });
    await sleep(200);
    assert.equal(await cache.get('k'), undefined);
  });

  it('does not extend the TTL on read (fixed, not sliding)', async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    await cache.set('k', 'v', 0.2);
    await sleep(120);
    assert.equal(await cache.get('k'), 'v');
    await sleep(120);
    assert.equal(await cache.get('k'), undefined);
  });

  it('evicts the least recently used entry beyond its size bound', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.get('a');
    await cache.set('c', 3, 60);
    assert.equal(await cache.get('b'), undefined);
    assert.equal(await cache.get('a'), 1);
    assert.equal(await cache.get('c'), 3);
  });

  it('hands out copies, so callers cannot mutate a cached value', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('k', { list: [1] }, 60);
    const first = await cache.get<{ list: number[] }>('k');
    first?.list.push(2);
    assert.deepEqual(await cache.get('k'), { list: [1] });
  });

  it('keeps raw values as given: text, or a copy of the bytes, each readable either way', async () => {
    const cache = createMemoryCache({ maxEntries: 4 });
    const text = 'Café “prices” — 東京 📈';
    const given = Buffer.from(text, 'utf8');
    await cache.setRaw('bytes', given, 60);
    given.fill(0); // the caller's buffer is its own: the cached value must not change with it
    assert.deepEqual(await cache.getBytes('bytes'), Buffer.from(text, 'utf8'));
    assert.equal(await cache.getRaw('bytes'), text);
    await cache.setRaw('text', text, 60);
    assert.deepEqual(await cache.getBytes('text'), Buffer.from(text, 'utf8'));
    assert.equal(await cache.getRaw('text'), text);
    await cache.setRaw('json', Buffer.from('{"title":"Café"}', 'utf8'), 60);
    assert.deepEqual(await cache.get('json'), { title: 'Café' });
    assert.equal(await cache.getBytes('absent'), undefined);
  });

  it('deletes entries and reports itself up', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('k', 1, 60);
    await cache.delete('k');
    assert.equal(await cache.get('k'), undefined);
    assert.deepEqual(await cache.health(), { status: 'up' });
  });
});
