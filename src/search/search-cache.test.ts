import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryCache } from '../cache/memory-cache.js';
import type { Clock } from '../clock.js';
import { createPageCache } from './search-cache.js';

function fakeClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe('page cache', () => {
  const body = Buffer.from('{"results":[{"title":"Café “prices” — 東京 📈"}],"total":41}', 'utf8');

  it('gives back the page byte for byte, with its total and times', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12));
    const pages = createPageCache(createMemoryCache({ maxEntries: 10 }), clock);
    const createdAt = clock.now().getTime();
    await pages.set('k', { body, total: 41, createdAt, expiresAt: createdAt + 300_000 });
    const page = await pages.get('k');
    assert.ok(page !== undefined && Buffer.isBuffer(page.body));
    assert.deepEqual(page.body, body);
    assert.deepEqual(
      { total: page.total, createdAt: page.createdAt, expiresAt: page.expiresAt },
      { total: 41, createdAt, expiresAt: createdAt + 300_000 },
    );
  });

  it('misses from the absolute expiry on, however often it is read before', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12));
    const pages = createPageCache(createMemoryCache({ maxEntries: 10 }), clock);
    const createdAt = clock.now().getTime();
    await pages.set('k', { body, total: 1, createdAt, expiresAt: createdAt + 10_000 });
    clock.advance(9_999);
    assert.ok((await pages.get('k')) !== undefined);
    clock.advance(1);
    assert.equal(await pages.get('k'), undefined);
  });

  it('stores nothing already expired, and treats a malformed entry as a miss', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 28, 12));
    const cache = createMemoryCache({ maxEntries: 10 });
    const pages = createPageCache(cache, clock);
    const now = clock.now().getTime();
    await pages.set('old', { body, total: 1, createdAt: now - 5_000, expiresAt: now });
    assert.equal(await cache.getBytes('old'), undefined);
    await cache.setRaw('broken', 'no header line', 60);
    assert.equal(await pages.get('broken'), undefined);
    await cache.setRaw('bad-numbers', `x y z\n${body.toString('utf8')}`, 60);
    assert.equal(await pages.get('bad-numbers'), undefined);
  });
});
