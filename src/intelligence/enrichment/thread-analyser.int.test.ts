import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { pino, type Logger } from 'pino';
import { upsertArticles } from '../../articles/article.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { articleDraft } from '../../../test/factories.js';
import { createEnrichmentPipeline } from './enrichment-pipeline.js';
import { createInlineAnalyser, MAX_TEXT_CHARS } from './text-analyser.js';
import { createThreadAnalyser } from './thread-analyser.js';

const TEXTS = [
  'Angela Merkel praises wonderful Paris summit success',
  'Terrible floods kill dozens in Bangladesh\n\nTragic.',
  'Quarterly report\n\nMicrosoft said nothing new.',
];
/** Texts that must not take the thread down: huge, broken UTF-16, control characters, repetition. */
const HOSTILE = [
  'x'.repeat(2_000_000),
  '\uD800\u0000\uDFFF'.repeat(50_000),
  'Mr. '.repeat(MAX_TEXT_CHARS),
  '',
];

/** A logger whose lines the test reads, and the rejections nobody handled meanwhile. */
function observe(): { log: Logger; lines: string[]; unhandled: unknown[]; stop: () => void } {
  const lines: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
  return { log, lines, unhandled, stop: () => process.off('unhandledRejection', onUnhandled) };
}

describe('the enrichment analysis thread', () => {
  it('computes exactly what the analysers compute on this thread', async () => {
    const { log, stop } = observe();
    const analyser = createThreadAnalyser({ log });
    try {
      const inline = createInlineAnalyser();
      assert.deepEqual(analyser.versions, inline.versions);
      assert.deepEqual(await analyser.analyseAll(TEXTS), await inline.analyseAll(TEXTS));
      assert.deepEqual(analyser.threadStats(), { starts: 1, running: true });
    } finally {
      await analyser.close();
      stop();
    }
  });

  it('answers every text of a batch with hostile texts in it, and keeps the same thread', async () => {
    const { log, lines, stop } = observe();
    const analyser = createThreadAnalyser({ log });
    try {
      const results = await analyser.analyseAll([...HOSTILE, ...TEXTS]);
      assert.equal(results.length, HOSTILE.length + TEXTS.length);
      const expected = await createInlineAnalyser().analyseAll(TEXTS);
      assert.deepEqual(results.slice(HOSTILE.length), expected);
      assert.deepEqual(await analyser.analyseAll(TEXTS), expected);
      assert.deepEqual(analyser.threadStats(), { starts: 1, running: true });
      assert.deepEqual(lines, []);
    } finally {
      await analyser.close();
      stop();
    }
  });

  it('rejects the batch of a thread that died, logs it, and starts a new thread for the next', async () => {
    const { log, lines, unhandled, stop } = observe();
    // Too little heap to even load the analysers: every thread dies on its first batch.
    const analyser = createThreadAnalyser({ log, resourceLimits: { maxOldGenerationSizeMb: 4 } });
    try {
      await assert.rejects(analyser.analyseAll(TEXTS), /analysis thread exited/);
      await assert.rejects(analyser.analyseAll(TEXTS), /analysis thread exited/);
      assert.deepEqual(analyser.threadStats(), { starts: 2, running: false });
      const died = lines.map(
        (line) => JSON.parse(line) as { msg: string; err?: { code?: string } },
      );
      assert.equal(died.length, 2);
      assert.match(died[0]?.msg ?? '', /thread died; the next batch starts a new one/);
      assert.equal(died[0]?.err?.code, 'ERR_WORKER_OUT_OF_MEMORY');
      assert.deepEqual(unhandled, []);
    } finally {
      await analyser.close();
      stop();
    }
  });

  it('stops the thread on close: the running batch and later ones reject', async () => {
    const { log, stop } = observe();
    const analyser = createThreadAnalyser({ log });
    try {
      await analyser.analyseAll(TEXTS);
      const running = analyser.analyseAll(Array.from({ length: 50 }, () => TEXTS[0] ?? ''));
      await analyser.close();
      await assert.rejects(running, /analysis thread exited/);
      await assert.rejects(analyser.analyseAll(TEXTS), /closed/);
      assert.deepEqual(analyser.threadStats(), { starts: 1, running: false });
    } finally {
      stop();
    }
  });
});

describe('the enrichment queue when the analysis thread dies', () => {
  let database: TestDatabase;
  before(async () => (database = await createTestDatabase()));
  after(async () => database.drop());

  it('counts and logs the failed batch, writes nothing, and keeps taking work', async () => {
    const { log, lines, unhandled, stop } = observe();
    const analyser = createThreadAnalyser({ log, resourceLimits: { maxOldGenerationSizeMb: 4 } });
    const pipeline = createEnrichmentPipeline({ db: database.db, log, analyser, batchSize: 2 });
    try {
      const ids = await upsertArticles(database.db, [articleDraft(), articleDraft()]);
      pipeline.queue.enqueue(ids);
      await pipeline.queue.drain();
      pipeline.queue.enqueue(ids);
      await pipeline.queue.drain();
      assert.equal(pipeline.queue.stats().failedBatches, 2);
      assert.equal(analyser.threadStats().starts, 2);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from article_sentiments`.execute(database.db);
      assert.equal(rows[0]?.n, 0);
      assert.ok(lines.some((line) => line.includes('Enrichment batch failed')));
      assert.deepEqual(unhandled, []);
    } finally {
      await pipeline.close();
      stop();
    }
  });
});
