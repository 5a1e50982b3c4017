/**
 * Store-search benchmark: `node --import tsx scripts/bench/store-search.ts [--iterations 200]
 * [--min-articles 1000000] [--no-docs]` against DATABASE_URL (refuses without it). Seeds the
 * store up to --min-articles first if it has fewer, then times ArticleService.list (the function
 * behind GET /v1/articles: query parsing, strategy choice, ranking, snippets, cursor) for each
 * query class at 1 and 20 concurrent clients, prints p50/p95/p99 and writes them to
 * docs/performance.md between the store-search markers.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createArticleService } from '../../src/articles/article.service.js';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createSeedDatabase, seedArticles, SEED_DEFAULTS } from '../seed/seed.js';
import { createCorpus } from '../seed/synthetic-articles.js';
import { environment, writeReport, type ClassResult } from './store-search-report.js';
import { queryClasses, type QueryClass } from './store-search-classes.js';
import { measureFloor } from './store-search-floor.js';
import { measure } from './store-search-measure.js';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    'min-articles': { type: 'string', default: '1000000' },
    variants: { type: 'string', default: '25' },
    'no-docs': { type: 'boolean', default: false },
    /** Only the classes whose name is exactly this (for investigating one). */
    only: { type: 'string' },
  },
});
const url = process.env.DATABASE_URL;
if (url === undefined || url === '') {
  process.stderr.write('DATABASE_URL is not set: point it at the benchmark database\n');
  process.exit(2);
}
const iterations = Number(values.iterations);
const minArticles = Number(values['min-articles']);

// The product's own pool settings (DATABASE_POOL_MAX defaults to 10): 20 clients share 10
// connections, as 20 concurrent requests to one API process would.
const db = createDatabase({
  connectionString: url,
  poolMax: 10,
  applicationName: 'newsroom-bench',
});
// Exact counts of very common words read most of the store: no statement timeout for those.
const countDb = createSeedDatabase(url);
try {
  await migrateToLatest(db, url);
  await ensureSeeded(url, minArticles);
  const corpus = createCorpus({
    ...SEED_DEFAULTS,
    seed: 'newsroom-seed',
    count: minArticles,
    until: new Date(),
  });
  const span = await timeSpan();
  const service = createArticleService({ db });
  const classes = queryClasses(corpus, Number(values.variants)).filter(
    (c) => values.only === undefined || c.name === values.only,
  );
  // Query i of a class is always the same q and window, so the warm-up pass has touched what
  // the measured passes read: the figures are steady state, not first reads from disk.
  const paramsFor = (c: QueryClass, i: number) => ({
    q: c.queries[i % c.queries.length] ?? '',
    limit: 20,
    ...(c.dated ? thirtyDays(span, c.windows[i % c.windows.length] ?? 0) : {}),
  });

  const warmed = await prewarm();
  process.stderr.write('Warming up\n');
  for (const c of classes) await measure(c.queries.length, 1, (i) => service.list(paramsFor(c, i)));

  const results: ClassResult[] = [];
  for (const c of classes) {
    const matches = await typicalMatches(c, (i) => paramsFor(c, i));
    const row: ClassResult = { name: c.name, matches, runs: [] };
    for (const concurrency of [1, 20]) {
      process.stderr.write(`${c.name} at ${concurrency} client(s)\n`);
      row.runs.push(await measure(iterations, concurrency, (i) => service.list(paramsFor(c, i))));
    }
    results.push(row);
  }
  // The floor: the cheapest class as one statement from a bare client (store-search-floor.ts).
  const veryCommon = classes.find((c) => c.name === 'very common term');
  const floor =
    values.only === undefined && veryCommon !== undefined
      ? await measureFloor(url, veryCommon.queries, iterations)
      : [];
  const env = { ...(await environment(db, iterations)), warmed };
  const command = `DATABASE_URL=… node --import tsx scripts/bench/store-search.ts --iterations ${iterations}`;
  const table = await writeReport(results, floor, env, command, !values['no-docs']);
  process.stdout.write(`${table}\n`);
} finally {
  await db.destroy();
  await countDb.destroy();
}

async function ensureSeeded(connectionString: string, min: number): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(db);
  if ((rows[0]?.n ?? 0) >= min) return;
  process.stderr.write(`Seeding the store up to ${min.toLocaleString('en')} articles\n`);
  const seedDb = createSeedDatabase(connectionString);
  try {
    await seedArticles(seedDb, {
      seed: 'newsroom-seed',
      count: min,
      until: new Date(),
      batchSize: 5000,
      concurrency: 2,
      onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`),
    });
  } finally {
    await seedDb.destroy();
  }
}

/**
 * Reads the store into the OS page cache (pg_prewarm, where it may be installed), so the figures
 * are steady-state ones rather than the first reads from disk of whatever a query touches.
 */
async function prewarm(): Promise<boolean> {
  try {
    await sql`create extension if not exists pg_prewarm`.execute(countDb);
    await sql`
      select pg_prewarm(c.oid, 'read') from pg_class c
      where c.relname in ('articles', 'article_sources') or c.oid in (
        select indexrelid from pg_index where indrelid in ('articles'::regclass, 'article_sources'::regclass)
        union select reltoastrelid from pg_class where relname = 'articles')`.execute(countDb);
    return true;
  } catch {
    return false;
  }
}

async function timeSpan(): Promise<{ oldest: number; newest: number }> {
  const { rows } = await sql<{ oldest: Date; newest: Date }>`
    select min(published_at) as oldest, max(published_at) as newest from articles`.execute(db);
  return { oldest: rows[0]?.oldest.getTime() ?? 0, newest: rows[0]?.newest.getTime() ?? 0 };
}

/** A 30-day from/to window placed at `u` (0..1) of the corpus's span. */
function thirtyDays(span: { oldest: number; newest: number }, u: number) {
  const days = 30 * 86_400_000;
  const start = span.oldest + u * Math.max(0, span.newest - span.oldest - days);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(start), to: day(start + days) };
}

/** Exact match count of the class's first query (for the table; no timeout, it may take s). */
async function typicalMatches(
  c: QueryClass,
  params: (i: number) => { q: string; from?: string; to?: string },
): Promise<number> {
  const p = params(0);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from articles
    where search @@ websearch_to_tsquery('english', ${p.q})
      and published_at >= ${p.from ?? '-infinity'}::timestamptz
      and published_at < ${p.to ?? 'infinity'}::timestamptz + interval '1 day'`.execute(countDb);
  return rows[0]?.n ?? 0;
}
