/**
 * Write-path throughput with and without background enrichment:
 * `node --import tsx scripts/bench/enrichment.ts [--count 1000] [--sustained 25000] [--rounds 3]`
 * (DATABASE_URL: a server it may create a scratch database on; dropped at the end).
 * Sandbox-corpus stories (headline, standfirst, body) go through persistDrafts in batches of 100,
 * as the live-search write-through does, with enrichment off, then with the queue running in this
 * process (new ids enqueued after each write; the analysis in its worker thread):
 *
 * - a burst (`--count`): timed until the queue has drained, so the analysis cost shows;
 * - sustained writes (`--sustained`, several times the queue's 2 s maximum deferral): the writes
 *   alone, each round with a fresh queue (the backlog is abandoned, as a restart would).
 *
 * `--rounds` times each, medians printed (a shared machine is noisy). Prints articles/s, the
 * ratios, how long batches waited for the writes to pause, and the longest event-loop stall
 * during the writes (what a request arriving meanwhile would wait).
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { ArticleDraft } from '../../src/articles/article.js';
import { persistDrafts } from '../../src/articles/article-writer.js';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createEnrichmentPipeline } from '../../src/intelligence/enrichment/enrichment-pipeline.js';
import { createLogger } from '../../src/logger.js';
import { buildCorpus } from '../../src/sandbox/corpus/corpus.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    sustained: { type: 'string', default: '25000' },
    rounds: { type: 'string', default: '3' },
  },
});
const count = Number(values.count);
const sustainedCount = Number(values.sustained);
const rounds = Number(values.rounds);
const url = process.env.DATABASE_URL;
const counts = [count, sustainedCount];
if (url === undefined || url === '' || !counts.every((n) => Number.isInteger(n) && n >= 100)) {
  process.stderr.write('Set DATABASE_URL; --count and --sustained: integers of at least 100\n');
  process.exit(2);
}
const BATCH = 100;
const log = createLogger({ LOG_LEVEL: 'warn', NODE_ENV: 'production' });
const stories = buildCorpus(
  'bench-enrichment',
  Date.UTC(2026, 10, 27),
  Math.max(...counts),
).stories;

/** The first `n` stories as one provider's drafts; `run` keeps the runs' URLs apart. */
function drafts(run: string, n = count): ArticleDraft[] {
  return stories.slice(0, n).map((s) => ({
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

  const runs: { off: Timing; on: Timing; onTotal: number; deferredMs: number }[] = [];
  // Which runs first alternates: the second of two runs in a row tends to be the faster one.
  for (let round = 0; round < rounds; round += 1) {
    const offFirst = round % 2 === 0;
    let off = offFirst ? await writeAll(drafts(`off${round}`), undefined) : undefined;
    const deferredBefore = pipeline.queue.stats().deferredMs;
    const on = await writeAll(drafts(`on${round}`), (ids) => pipeline.queue.enqueue(ids));
    await pipeline.queue.drain();
    const onTotal = performance.now() - on.started;
    const deferredMs = pipeline.queue.stats().deferredMs - deferredBefore;
    off ??= await writeAll(drafts(`off${round}`), undefined);
    runs.push({ off, on, onTotal, deferredMs });
  }
  const { enriched, failedBatches } = pipeline.queue.stats();
  await pipeline.close();

  // Sustained: writes that outlast the queue's maximum deferral, so batches run during them.
  const sustained: { off: Timing; on: Timing; enriched: number }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const offRun = () => writeAll(drafts(`soff${round}`, sustainedCount), undefined);
    let off = round % 2 === 0 ? await offRun() : undefined;
    const fresh = createEnrichmentPipeline({ db, log });
    const on = await writeAll(drafts(`son${round}`, sustainedCount), (ids) =>
      fresh.queue.enqueue(ids),
    );
    const during = fresh.queue.stats().enriched;
    await fresh.close();
    off ??= await offRun();
    sustained.push({ off, on, enriched: during });
  }

  const offMs = median(runs.map((r) => r.off.writesMs));
  const onMs = median(runs.map((r) => r.on.writesMs));
  const onTotal = median(runs.map((r) => r.onTotal));
  const rate = (n: number, ms: number) => (n / ms) * 1000;
  const line = (label: string, ms: number, n = count) =>
    `${label.padEnd(44)} ${Math.round(rate(n, ms)).toLocaleString('en').padStart(7)} articles/s` +
    `  (${(ms / 1000).toFixed(2)} s)\n`;
  const stall = (t: Timing[]) =>
    `p99 ${median(t.map((x) => x.loopP99Ms)).toFixed(1)} ms, max ${median(t.map((x) => x.loopMaxMs)).toFixed(1)} ms`;
  const sOff = median(sustained.map((r) => r.off.writesMs));
  const sOn = median(sustained.map((r) => r.on.writesMs));
  process.stdout.write(
    `Burst: ${count} articles, batches of ${BATCH}, one process, median of ${rounds} rounds\n` +
      line('enrichment off: writes', offMs) +
      line('enrichment on: writes alone', onMs) +
      line('enrichment on: writes + queue drained', onTotal) +
      `event-loop delay during writes: off ${stall(runs.map((r) => r.off))}; ` +
      `on ${stall(runs.map((r) => r.on))}\n` +
      `batches waited for the writes to pause: ${median(runs.map((r) => r.deferredMs)).toFixed(0)} ms\n` +
      `analysis cost: ${((onTotal - offMs) / count).toFixed(1)} ms per article\n` +
      `slow-down with enrichment (off rate / on rate): ${(onTotal / offMs).toFixed(1)}x until drained; ` +
      `writes alone: ${(onMs / offMs).toFixed(2)}x (goal: at most 1.2x); per round: ` +
      `${runs.map((r) => (r.on.writesMs / r.off.writesMs).toFixed(2)).join(', ')}\n` +
      `enriched ${enriched} (including ${BATCH} warm-up), failed batches ${failedBatches}\n` +
      `Sustained: ${sustainedCount} articles, median of ${rounds} rounds\n` +
      line('enrichment off: writes', sOff, sustainedCount) +
      line('enrichment on: writes', sOn, sustainedCount) +
      `event-loop delay during writes: off ${stall(sustained.map((r) => r.off))}; ` +
      `on ${stall(sustained.map((r) => r.on))}\n` +
      `articles enriched during the writes: ${median(sustained.map((r) => r.enriched))}\n` +
      `writes: ${(sOn / sOff).toFixed(2)}x (goal: at most 1.2x); per round: ` +
      `${sustained.map((r) => (r.on.writesMs / r.off.writesMs).toFixed(2)).join(', ')}\n`,
  );
} finally {
  await db.destroy();
  await admin(`drop database if exists ${name} with (force)`);
}

interface Timing {
  started: number;
  writesMs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

async function writeAll(
  all: ArticleDraft[],
  onInserted: ((ids: readonly string[]) => void) | undefined,
): Promise<Timing> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  for (let i = 0; i < all.length; i += BATCH) {
    await persistDrafts(db, all.slice(i, i + BATCH), onInserted ? { onInserted } : {});
  }
  const writesMs = performance.now() - started;
  loop.disable();
  return { started, writesMs, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
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
