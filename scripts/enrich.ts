/**
 * `npm run enrich -- [--since 2026-01-01] [--batch 500] [--all] [--after ID]`: computes the
 * sentiment and entities of stored articles (published since --since; all history without it)
 * whose rows are missing or were computed by another analyser version, in batches of --batch,
 * with a progress bar and rate on stderr. --all recomputes current rows too. Resumable: it walks
 * article ids upwards, and a re-run skips what is current (a stopped --all run resumes with
 * --after, the last id it printed). Uses DATABASE_URL, or the embedded PostgreSQL without it.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { backfill } from '../src/intelligence/enrichment/backfill.js';
import { countUnenriched } from '../src/intelligence/enrichment/enrichment.repository.js';
import { createEnrichmentService } from '../src/intelligence/enrichment/enrichment.service.js';
import { createThreadAnalyser } from '../src/intelligence/enrichment/thread-analyser.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: {
    since: { type: 'string' },
    batch: { type: 'string', default: '500' },
    all: { type: 'boolean', default: false },
    after: { type: 'string' },
  },
});
const batchSize = Number(values.batch);
const since = values.since === undefined ? undefined : new Date(values.since);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  fail('--batch must be an integer from 1 to 10000');
}
if (since !== undefined && Number.isNaN(since.getTime())) fail('--since must be an ISO 8601 date');
if (values.after !== undefined && !/^[1-9][0-9]{0,18}$/.test(values.after)) {
  fail('--after must be an article id');
}

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const log = createLogger(config);
const database = await openDatabase(config, log, 'newsroom-enrich');
const stop = new AbortController();
// In a thread, so SIGINT is handled at once and progress is drawn while a batch is analysed.
const analyser = createThreadAnalyser({ log });
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
try {
  await database.migrate();
  const service = createEnrichmentService({ db: database.db, analyser, log });
  const scope = { since, all: values.all, afterId: values.after };
  const total = await countUnenriched(database.db, service.versions, scope);
  process.stderr.write(
    `${total.toLocaleString('en')} articles to ${values.all ? 'recompute' : 'enrich'} ` +
      `(${service.versions.analyser} ${service.versions.analyserVersion}, ` +
      `${service.versions.extractor} ${service.versions.extractorVersion})\n`,
  );
  const started = Date.now();
  const result = await backfill(service, {
    ...scope,
    batchSize,
    signal: stop.signal,
    onProgress: (done, lastId) => progress(done, total, started, lastId),
  });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `\n${stop.signal.aborted ? 'Stopped' : 'Done'}: ${result.enriched.toLocaleString('en')} ` +
      `articles in ${seconds.toFixed(0)} s; last id ${result.lastId ?? 'none'}\n`,
  );
} finally {
  await analyser.close();
  await database.close();
}

function progress(done: number, total: number, started: number, lastId: string): void {
  const width = 30;
  const filled = Math.min(width, Math.round((done / Math.max(1, total)) * width));
  const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
  const eta = rate > 0 ? Math.max(0, total - done) / rate : 0;
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done.toLocaleString('en')}/` +
      `${total.toLocaleString('en')}  ${Math.round(rate).toLocaleString('en')} articles/s  ` +
      `ETA ${Math.ceil(eta)} s  last id ${lastId}   `,
  );
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
