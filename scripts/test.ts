/**
 * `npm test`: runs every *.test.ts under src/ and test/ with node's test runner.
 *
 * Integration tests need a PostgreSQL server they may create databases on. With DATABASE_URL set
 * (CI points it at the machine's server) that one is used; without it, a throwaway embedded
 * PostgreSQL is started for the run, so `npm test` passes on a fresh clone with nothing set.
 * REDIS_URL is passed through; Redis tests skip themselves without it (and fail in CI).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { createLogger } from '../src/logger.js';

const roots = ['src', 'test', 'scripts'];
const only = process.argv.slice(2);
const files = only.length > 0 ? only : roots.flatMap((root) => findTests(root)).sort();

const env = { ...process.env };
let stopDatabase = async () => {};
if (env.DATABASE_URL === undefined || env.DATABASE_URL === '') {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-test-'));
  const port = 55000 + Math.floor(Math.random() * 5000);
  const log = createLogger({ LOG_LEVEL: 'warn', NODE_ENV: 'test' });
  const embedded = await startEmbeddedPostgres({ dataDir, port, log });
  env.DATABASE_URL = embedded.connectionString;
  process.stdout.write(`No DATABASE_URL: using an embedded PostgreSQL on port ${port}\n`);
  stopDatabase = async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { env, stdio: 'inherit' },
);
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await stopDatabase();
process.exit(code);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}
