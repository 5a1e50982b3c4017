/**
 * `npm run bench [-- --no-docs]`: every benchmark, one after the other, each in its own process
 * (so none shares an event loop or a crash with another):
 *
 *   1. scripts/bench/live-search.ts   GET /v1/search: cache hit vs a bare server, miss overhead,
 *                                     single flight (own PostgreSQL database and Redis db 15)
 *   2. scripts/bench/store-search.ts  GET /v1/articles over the store, if the file exists; it
 *                                     runs against DATABASE_URL and is skipped without it
 *   3. scripts/bench/analysers.ts     sentiment and entity analyses per second on one core
 *   4. scripts/bench/enrichment.ts    write-path throughput with enrichment on vs off (a scratch
 *                                     database on DATABASE_URL's server; skipped without it)
 *
 * Exits non-zero when a benchmark could not run; a missed goal is reported, not a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

const forwarded = process.argv.slice(2).filter((a) => a === '--no-docs');
let current: ChildProcess | undefined;

// Ctrl-C in a terminal reaches the children too (same process group); a signal sent to this
// process alone is passed on, and we leave once the child has cleaned up after itself.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (current === undefined) process.exit(130);
    current.kill(signal);
    current.once('exit', () => process.exit(130));
  });
}

function run(entry: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      stdio: 'inherit',
    });
    current = child;
    child.once('error', (error) => {
      process.stderr.write(`${entry}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
}

const failures: string[] = [];
process.stdout.write('\n## Live search (GET /v1/search)\n');
if ((await run('scripts/bench/live-search.ts', forwarded)) !== 0) failures.push('live-search');

process.stdout.write('\n## Store search (GET /v1/articles)\n');
const store = 'scripts/bench/store-search.ts';
if (!existsSync(store)) {
  process.stdout.write(`Skipped: ${store} does not exist.\n`);
} else if ((process.env.DATABASE_URL ?? '') === '') {
  process.stdout.write(
    'Skipped: set DATABASE_URL to the store benchmark database (it seeds up to 1M articles).\n',
  );
} else if ((await run(store, forwarded)) !== 0) {
  failures.push('store-search');
}

process.stdout.write('\n## Analysers (sentiment, entities)\n');
if ((await run('scripts/bench/analysers.ts', [])) !== 0) failures.push('analysers');

process.stdout.write('\n## Enrichment on the write path\n');
if ((process.env.DATABASE_URL ?? '') === '') {
  process.stdout.write('Skipped: set DATABASE_URL (it creates and drops a scratch database).\n');
} else if ((await run('scripts/bench/enrichment.ts', [])) !== 0) {
  failures.push('enrichment');
}

if (failures.length > 0) {
  process.stderr.write(`\nCould not run: ${failures.join(', ')}\n`);
  process.exit(1);
}
