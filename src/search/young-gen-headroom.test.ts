import assert from 'node:assert/strict';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { createYoungGenHeadroom } from './young-gen-headroom.js';

/** Scavenges V8 reports while `work` runs (the observer delivers them asynchronously). */
async function minorGcsDuring(work: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node sets `detail` on gc entries; its types only declare it on marks and measures.
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      const kind = detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) count += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return count;
}

/** Short-lived garbage: fills part of the young generation without triggering a scavenge. */
function smallGarbage(): void {
  let keep = 0;
  for (let i = 0; i < 20_000; i++) keep += { i, text: `item ${i}` }.text.length;
  assert.ok(keep > 0);
}

describe('young-generation headroom', () => {
  it('scavenges when asked and the young generation is in use', async () => {
    const headroom = createYoungGenHeadroom({ minUsedShare: 0, minIntervalMs: 0 });
    const gcs = await minorGcsDuring(() => {
      smallGarbage();
      headroom.make();
    });
    assert.ok(gcs >= 1, `expected a scavenge, saw ${gcs}`);
  });

  it('does not scavenge again within its interval', async () => {
    let clock = 0;
    const headroom = createYoungGenHeadroom({
      minUsedShare: 0,
      minIntervalMs: 1000,
      now: () => clock,
    });
    headroom.make();
    clock = 999;
    const throttled = await minorGcsDuring(() => headroom.make());
    assert.equal(throttled, 0);
    clock = 1000;
    const again = await minorGcsDuring(() => {
      smallGarbage();
      headroom.make();
    });
    assert.ok(again >= 1, `expected a scavenge after the interval, saw ${again}`);
  });

  it('leaves a young generation that is nearly empty alone', async () => {
    const headroom = createYoungGenHeadroom({ minUsedShare: 1, minIntervalMs: 0 });
    const gcs = await minorGcsDuring(() => headroom.make());
    assert.equal(gcs, 0);
  });

  it('does not hand gc() to other vm contexts', () => {
    createYoungGenHeadroom();
    assert.equal(runInNewContext('typeof gc'), 'undefined');
  });
});
