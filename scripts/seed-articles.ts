/**
 * `npm run db:seed [-- --count N] [--seed S] [--until ISO-date] [--batch N]`: writes N synthetic
 * articles (default 1,000,000) to DATABASE_URL for load tests and demos, through the same upsert
 * the providers use, then VACUUM ANALYZE. Deterministic for a seed and end date; re-running
 * resumes (existing articles are upserted, not duplicated). Refuses to run without DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../src/db/migrate.js';
import { createSeedDatabase, seedArticles } from './seed/seed.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: 'newsroom-seed' },
    until: { type: 'string' },
    batch: { type: 'string', default: '5000' },
  },
});
const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  process.stderr.write(
    'DATABASE_URL is not set: the seed writes up to a million rows, so it only runs against a\n' +
      'database you name, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench\n',
  );
  process.exit(2);
}
const count = Number(values.count);
const batchSize = Number(values.batch);
// Midnight UTC today by default: the newest articles are from today, and a day's runs agree.
const until = values.until === undefined ? startOfUtcDay(new Date()) : new Date(values.until);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write('--count and --batch must be positive integers\n');
  process.exit(2);
}
if (Number.isNaN(until.getTime())) {
  process.stderr.write('--until must be an ISO 8601 date\n');
  process.exit(2);
}

const db = createSeedDatabase(url);
try {
  await migrateToLatest(db, url);
  const started = Date.now();
  let first: number | undefined;
  const written = await seedArticles(db, {
    seed: values.seed,
    count,
    until,
    batchSize,
    concurrency: 2,
    onProgress: (done, total) => {
      first ??= done;
      progress(done, total, done - first, started);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `\nSeeded ${written.toLocaleString('en')} articles in ${seconds.toFixed(0)} s\n`,
  );
} finally {
  await db.destroy();
}

function progress(done: number, total: number, sinceStart: number, started: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = sinceStart / Math.max(0.001, (Date.now() - started) / 1000);
  const eta = rate > 0 ? (total - done) / rate : 0;
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done.toLocaleString('en')}/` +
      `${total.toLocaleString('en')}  ${Math.round(rate).toLocaleString('en')} articles/s  ` +
      `ETA ${Math.ceil(eta)} s   `,
  );
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
