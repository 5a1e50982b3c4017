/**
 * Write-path throughput with and without background enrichment:
 * `node --import tsx scripts/bench/enrichment.ts [--count 1000]` (DATABASE_URL: a server it may
 * create a scratch database on; dropped at the end). Sandbox-corpus stories (headline,
 * standfirst, body) go through persistDrafts in batches of 100, as the live-search write-through
 * does: once with enrichment off, once with the queue running in this process (new ids enqueued
 * after each write), timed until the queue has drained. Prints articles/s and the ratio.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { ArticleDraft } from '../../src/articles/article.js';
import { persistDrafts } from '../../src/articles/article-writer.js';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createEnrichmentPipeline } from '../../src/intelligence/enrichment/enrichment-pipeline.js';
import { createLogger } from '../../src/logger.js';
import { buildCorpus } from '../../src/sandbox/corpus/corpus.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
const count = Number(values.count);
const url = process.env.DATABASE_URL;
if (url === undefined || url === '' || !Number.isInteger(count) || count < 100) {
  process.stderr.write('Set DATABASE_URL; --count must be an integer of at least 100\n');
  process.exit(2);
}
const BATCH = 100;
const log = createLogger({ LOG_LEVEL: 'warn', NODE_ENV: 'production' });
const stories = buildCorpus('bench-enrichment', Date.UTC(2026, 10, 27), count).stories;

/** The stories as one provider's drafts; `run` keeps the two runs' URLs apart. */
function drafts(run: string): ArticleDraft[] {
  return stories.map((s) => ({
    canonicalUrl: `${s.url}?run=${run}`,
    url: `${s.url}?run=${run}`,
    title: s.title,
    description: s.description,
    content: s.paragraphs.join('\n\n').slice(0, 1500),
    author: s.authors[0] ?? null,
    imageUrl: s.imageUrl,
    language: s.language,
    publishedAt: new Date(s.publishedAt),
    source: {
      provider: 'guardian',
      providerId: `${run}/${s.id}`,
      outlet: s.outlet.name,
      providerUrl: null,
      score: null,
      comments: null,
    },
  }));
}

const name = `newsroom_bench_enrich_${randomBytes(4).toString('hex')}`;
await admin(`create database ${name}`);
const scratch = new URL(url);
scratch.pathname = `/${name}`;
const db = createDatabase({
  connectionString: scratch.toString(),
  poolMax: 10,
  applicationName: 'bench-enrichment',
});
try {
  await migrateToLatest(db, scratch.toString());
  // Warm-up: compile the write statement's plan and load the analysers' lexicons.
  const pipeline = createEnrichmentPipeline({ db, log });
  await persistDrafts(db, drafts('warm').slice(0, BATCH), {
    onInserted: (ids) => pipeline.queue.enqueue(ids),
  });
  await pipeline.queue.drain();

  const off = await writeAll(drafts('off'), undefined);
  const on = await writeAll(drafts('on'), (ids) => pipeline.queue.enqueue(ids));
  const writesDone = on.writesMs;
  await pipeline.queue.drain();
  const onTotal = performance.now() - on.started;
  const { enriched, failedBatches } = pipeline.queue.stats();
  await pipeline.close();

  const rate = (ms: number) => (count / ms) * 1000;
  const line = (label: string, ms: number) =>
    `${label.padEnd(44)} ${Math.round(rate(ms)).toLocaleString('en').padStart(7)} articles/s` +
    `  (${(ms / 1000).toFixed(2)} s)\n`;
  process.stdout.write(
    `${count} articles, batches of ${BATCH}, one process\n` +
      line('enrichment off: writes', off.writesMs) +
      line('enrichment on: writes alone', writesDone) +
      line('enrichment on: writes + queue drained', onTotal) +
      `analysis cost: ${((onTotal - off.writesMs) / count).toFixed(1)} ms per article\n` +
      `slow-down with enrichment (off rate / on rate): ${(onTotal / off.writesMs).toFixed(1)}x; ` +
      `writes alone: ${(writesDone / off.writesMs).toFixed(2)}x (goal: at most 1.2x)\n` +
      `enriched ${enriched} (including ${BATCH} warm-up), failed batches ${failedBatches}\n`,
  );
} finally {
  await db.destroy();
  await admin(`drop database if exists ${name} with (force)`);
}

async function writeAll(
  all: ArticleDraft[],
  onInserted: ((ids: readonly string[]) => void) | undefined,
): Promise<{ started: number; writesMs: number }> {
  const started = performance.now();
  for (let i = 0; i < all.length; i += BATCH) {
    await persistDrafts(db, all.slice(i, i + BATCH), onInserted ? { onInserted } : {});
  }
  return { started, writesMs: performance.now() - started };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
