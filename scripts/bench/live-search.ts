/**
 * Live-search benchmark: `node --import tsx scripts/bench/live-search.ts [--seconds 10]
 * [--warm 3] [--misses 200] [--flight 200] [--no-docs] [--log-level info] [--phases hit,miss,flight]
 * [--cpu-prof] [--keep-logs] [--no-floor] [--server compiled|source]`.
 *
 * Runs the real API server as a child process against local PostgreSQL (a database of its own,
 * re-created each run), Redis (one logical database, flushed each run) and the sandbox upstreams
 * (in this process, with fixed latencies and a request counter), then measures cache hits against
 * a bare Fastify baseline, the overhead of cache misses, and single flight. Prints the figures and
 * writes them to docs/performance.md between the live-search markers (full runs only). Figures,
 * not assertions: it exits non-zero only when it could not run.
 *
 * Env (optional): BENCH_POSTGRES_URL, an admin connection (default
 * postgres://postgres@127.0.0.1:5432/postgres); BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379/15).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stopAll, stopChildrenOnExit } from './live-children.js';
import { singleFlightPhase } from './live-flight.js';
import { cacheHitPhase } from './live-hit.js';
import { cpuBusy, freshDatabase, freshRedis, serviceVersions } from './live-infra.js';
import { cacheMissPhase, missQueries } from './live-miss.js';
import { missFloorPhase } from './live-miss-floor.js';
import { printAndWrite, type LiveReport } from './live-report.js';
import { startApiServer } from './live-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warm: { type: 'string', default: '3' },
    // 200, so that p99 is a percentile (the third worst), not the worst of a few (of 40, the max).
    misses: { type: 'string', default: '200' },
    flight: { type: 'string', default: '200' },
    'log-level': { type: 'string', default: 'info' },
    // A subset of hit,miss,flight, to profile one path at a time.
    phases: { type: 'string', default: 'hit,miss,flight' },
    'cpu-prof': { type: 'boolean', default: false },
    'keep-logs': { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    // The miss phase without its floor (A/B runs of the server alone take half the time).
    'no-floor': { type: 'boolean', default: false },
    // compiled: dist/ as the image runs it; source: through tsx, as `npm start` runs it.
    server: { type: 'string', default: 'compiled' },
  },
});
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
/** Fixed upstream latencies (ms): the fan-out waits for Reddit, the slowest. */
const LATENCIES = { newsapi: 250, guardian: 400, reddit: 600 } as const;
const phases = new Set(values.phases.split(',').map((p) => p.trim()));
const allPhases = ['hit', 'miss', 'flight'].every((p) => phases.has(p));

stopChildrenOnExit();
// The server and the load generator already share the CPUs by design; anything else running
// skews req/s and latency (not CPU per request), so the output says how busy the machine was.
const busyBefore = await cpuBusy();
if (busyBefore > 0.1) {
  process.stderr.write(
    `Warning: the CPUs were ${(busyBefore * 100).toFixed(0)}% busy before the run: req/s and ` +
      'latencies will be low and noisy\n',
  );
}
const workDir = mkdtempSync(join(tmpdir(), 'newsroom-bench-live-'));
let failed = false;
try {
  process.stderr.write('Resetting newsroom_bench_live and the Redis benchmark database\n');
  const databaseUrl = await freshDatabase(ADMIN_URL, 'newsroom_bench_live');
  const redis = await freshRedis(REDIS_URL);
  const server = await startApiServer({
    databaseUrl,
    redisUrl: REDIS_URL,
    workDir,
    logLevel: values['log-level'],
    cpuProfile: values['cpu-prof'],
    latencies: LATENCIES,
    compiled: values.server !== 'source',
  });
  try {
    process.stderr.write(`API server ${server.base}, sandbox ${server.sandbox.url}\n`);
    const report: LiveReport = {
      latencies: LATENCIES,
      logLevel: values['log-level'],
      server: values.server === 'source' ? 'source' : 'compiled',
      versions: await serviceVersions(ADMIN_URL, redis),
      // How this run was started, so the docs say which command produced their figures.
      command:
        process.env.npm_lifecycle_event === 'bench'
          ? 'npm run bench'
          : ['node --import tsx scripts/bench/live-search.ts', ...process.argv.slice(2)].join(' '),
      busyBefore,
      seconds: Number(values.seconds),
      warmSeconds: Number(values.warm),
      writeDocs: allPhases && !values['no-docs'],
    };
    if (phases.has('hit')) {
      process.stderr.write('Phase 1: cache hit\n');
      report.hit = await cacheHitPhase({
        base: server.base,
        serverPid: server.child.process.pid,
        redis,
        redisUrl: REDIS_URL,
        workDir,
        connections: [10, 50],
        seconds: Number(values.seconds),
        warmSeconds: Number(values.warm),
      });
    }
    if (phases.has('miss')) {
      process.stderr.write('Phase 2: cache miss\n');
      // Three unmeasured misses first: the Reddit token, the database pool, the miss path's JIT.
      const queries = missQueries(Number(values.misses) + 3);
      await cacheMissPhase(server.base, queries.slice(0, 3), server.logFile);
      report.miss = await cacheMissPhase(server.base, queries.slice(3), server.logFile);
      if (!values['no-floor']) {
        process.stderr.write('Phase 2b: cache miss floor (the fan-out alone)\n');
        report.missFloor = await missFloorPhase({
          server,
          databaseUrl,
          redisUrl: REDIS_URL,
          workDir,
          warmQueries: queries.slice(0, 3),
          queries: queries.slice(3),
        });
      }
    }
    if (phases.has('flight')) {
      process.stderr.write('Phase 3: single flight\n');
      report.flight = await singleFlightPhase(server.base, Number(values.flight), () =>
        server.sandbox.counts(),
      );
    }
    await printAndWrite(report);
  } finally {
    await server.stop();
    await redis.quit();
  }
} catch (error) {
  failed = true;
  process.stderr.write(`Live-search benchmark could not run: ${String(error)}\n`);
} finally {
  await stopAll();
}
if (failed || values['cpu-prof'] || values['keep-logs']) {
  process.stderr.write(`Logs${values['cpu-prof'] ? ' and CPU profiles' : ''} in ${workDir}\n`);
} else {
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
