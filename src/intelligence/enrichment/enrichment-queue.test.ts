import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../logger.js';
import { createEnrichmentQueue, type EnrichmentQueueOptions } from './enrichment-queue.js';
import type { EnrichmentService } from './enrichment.service.js';

const log = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });

/** A service that records each batch (its size and when it started) and enriches instantly. */
function recordingService() {
  const batches: { size: number; at: number }[] = [];
  const service: EnrichmentService = {
    versions: { analyser: 'test', analyserVersion: '1', extractor: 'test', extractorVersion: '1' },
    enrich: (ids) => {
      batches.push({ size: ids.length, at: Date.now() });
      return Promise.resolve(ids.length);
    },
    findUnenriched: () => Promise.resolve([]),
  };
  return { service, batches };
}

let next = 0;
const ids = (count: number) => Array.from({ length: count }, () => String((next += 1)));

/** Enqueues `perWrite` ids as the write path would, every `everyMs`, `times` times. */
async function writes(
  queue: ReturnType<typeof createEnrichmentQueue>,
  times: number,
  everyMs: number,
  perWrite = 5,
): Promise<number> {
  for (let i = 0; i < times; i += 1) {
    queue.enqueue(ids(perWrite));
    await sleep(everyMs);
  }
  return Date.now();
}

function queueWith(options: Partial<EnrichmentQueueOptions>) {
  const { service, batches } = recordingService();
  const queue = createEnrichmentQueue({ service, log, batchSize: 10, ...options });
  return { queue, batches };
}

describe('createEnrichmentQueue', () => {
  it('lets the write path finish its burst before a batch starts', async () => {
    const { queue, batches } = queueWith({ quietMs: 100, maxDelayMs: 60_000 });
    const firstWrite = Date.now();
    await writes(queue, 10, 20);
    const lastWrite = Date.now() - 20;
    await queue.drain();
    assert.equal(
      batches.reduce((sum, b) => sum + b.size, 0),
      50,
    );
    assert.ok(batches.every((b) => b.size === 10));
    // Nothing ran during the burst: the first batch waited for 100 ms without a write.
    const first = batches[0]?.at ?? 0;
    assert.ok(
      first - firstWrite >= 200,
      `first batch ${first - firstWrite} ms after the burst began`,
    );
    assert.ok(first - lastWrite >= 95, `first batch ${first - lastWrite} ms after the last write`);
    assert.ok(queue.stats().deferredMs >= 95);
    await queue.close();
  });

  it('still takes small batches, spaced out, while writes never pause', async () => {
    const { queue, batches } = queueWith({ quietMs: 60_000, maxDelayMs: 100, busyBatchSize: 2 });
    const started = Date.now();
    const ended = await writes(queue, 30, 20);
    const during = batches.filter((b) => b.at <= ended);
    assert.ok(during.length >= 1, 'enrichment made no progress during the writes');
    assert.ok(during.every((b) => b.size === 2));
    assert.ok((during[0]?.at ?? 0) - started >= 95);
    during.slice(1).forEach((b, i) => {
      const gap = b.at - (during[i]?.at ?? 0);
      assert.ok(gap >= 95, `batches ${gap} ms apart`);
    });
    await queue.close();
  });

  it('never holds back what the sweep queues (it is not a write)', async () => {
    const { queue, batches } = queueWith({ quietMs: 60_000, maxDelayMs: 60_000 });
    queue.enqueue(ids(25), 'sweep');
    await queue.drain();
    assert.deepEqual(
      batches.map((b) => b.size),
      [10, 10, 5],
    );
    assert.equal(queue.stats().deferredMs, 0);
    await queue.close();
  });

  it('stops waiting for a lull when closed', async () => {
    const { queue, batches } = queueWith({ quietMs: 60_000, maxDelayMs: 60_000 });
    queue.enqueue(ids(5));
    await queue.close();
    assert.equal(batches.length, 0);
    assert.equal(queue.stats().pending, 0);
  });
});
