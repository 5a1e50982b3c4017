/**
 * `npm run soak`: the fault matrix's mixed load, without faults, for ten minutes (`--minutes` to
 * change it). Every 10 s it records the server's memory, event-loop delay and DB pool from its
 * own /metrics; the server runs with --trace-gc, so the heap after every full collection is known.
 * Passes when the heap after full GC shows no growth trend over the second half (least-squares
 * slope at most 1 MB/min), no request failed with a 5xx or hung, and once the load stops every
 * pool client is back and idle (none leaked). Writes test-artifacts/soak/soak.md.
 *
 *   npm run soak -- [--minutes 10] [--connections 10]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopChildrenOnExit } from '../../scripts/bench/live-children.js';
import { runLoad } from './load.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { fullCollections } from './gc-trace.js';
import { poolNow, sample, slope } from './metrics-sampler.js';
import { SERVER_SETTINGS } from './server.js';
import { CACHED_QUERIES, setStage } from './setup.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const MINUTES = Number(args.minutes);
const CONNECTIONS = Number(args.connections);
const HEAP_SLOPE_LIMIT = 1; // MB per minute

stopChildrenOnExit();
const artifacts = path.resolve('test-artifacts/soak');
mkdirSync(artifacts, { recursive: true });
const machine = `${cpus().length} CPUs, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at start, Node ${process.version}`;

const stage = await setStage(artifacts, ['--trace-gc']);
let report: string;
let passed: boolean;
try {
  const loading = runLoad({
    base: stage.server.base,
    users: stage.users,
    cachedQueries: CACHED_QUERIES,
    connections: CONNECTIONS,
    seconds: MINUTES * 60,
    timeoutMs: SERVER_SETTINGS.searchDeadlineMs + 3000,
  });
  const [result, samples] = await Promise.all([loading, sample(stage.server.base, loading)]);
  await sleep(2000);
  const pool = await poolNow(stage.server.base);
  // The second half of the load, in the isolate's clock: the last full GCs span the run's end.
  const gcs = fullCollections(stage.logFile);
  const lastMs = gcs.at(-1)?.ms ?? 0;
  const secondHalf = gcs.filter((g) => g.ms >= lastMs - (MINUTES * 60_000) / 2);
  const heapSlope = slope(secondHalf.map((g) => [g.ms / 60_000, g.afterMb] as const));
  const rssHalf = samples.filter((s) => s.at > (MINUTES * 60) / 2);
  const rssSlope = slope(rssHalf.map((s) => [s.at / 60, s.rssMb] as const));
  const serverErrors = Object.entries(result.serverErrors);
  const after = secondHalf.map((g) => g.afterMb);
  const checks = [
    [
      `heap after full GC: slope ${heapSlope.toFixed(2)} MB/min over the second half ` +
        `(${secondHalf.length} Mark-Compacts, ${Math.min(...after).toFixed(1)}-` +
        `${Math.max(...after).toFixed(1)} MB) <= ${HEAP_SLOPE_LIMIT}`,
      secondHalf.length >= 3 && heapSlope <= HEAP_SLOPE_LIMIT,
    ],
    [
      `no 5xx (${serverErrors.map(([k, n]) => `${n} x ${k}`).join(', ') || 'none'})`,
      serverErrors.length === 0,
    ],
    [
      `no request hung or refused (${result.timeouts} timeouts, ${result.errors} connection errors)`,
      result.timeouts + result.errors === 0,
    ],
    [
      `every pool client back after the load (total ${pool.total}, idle ${pool.idle}, waiting ${pool.waiting})`,
      pool.waiting === 0 && pool.idle === pool.total,
    ],
  ] as const;
  passed = checks.every(([, ok]) => ok);
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  report = [
    `Soak: ${MINUTES} min at ${CONNECTIONS} connections, ${result.requests} requests ` +
      `(${(result.requests / (MINUTES * 60)).toFixed(0)}/s; ${statuses}), p50 ${result.p50.toFixed(0)} ms, ` +
      `p99 ${result.p99.toFixed(0)} ms, max ${result.max.toFixed(0)} ms; ${machine}; ` +
      `${new Date().toISOString().slice(0, 16)}Z.`,
    '',
    '| t (s) | RSS MB | heap used MB | heap floor MB | loop p99 ms | loop max ms | pool total/idle | pool waiting (max) |',
    '| --: | --: | --: | --: | --: | --: | --: | --: |',
    ...samples.map(
      (s) =>
        `| ${s.at.toFixed(0)} | ${s.rssMb.toFixed(1)} | ${s.heapUsedMb.toFixed(1)} | ${s.heapFloorMb.toFixed(1)} | ` +
        `${s.lagP99Ms.toFixed(1)} | ${s.lagMaxMs.toFixed(1)} | ${s.poolTotal}/${s.poolIdle} | ${s.poolWaitingMax} |`,
    ),
    '',
    `RSS slope over the second half: ${rssSlope.toFixed(2)} MB/min (reported, not judged: V8 ` +
      'keeps freed pages for a while). Highest pool wait queue in any sample: ' +
      `${Math.max(...samples.map((s) => s.poolWaitingMax))}.`,
    '',
    ...checks.map(([what, ok]) => `- ${ok ? 'PASS' : 'FAIL'}: ${what}`),
    '',
    passed ? 'No growth trend: PASS.' : 'FAIL.',
  ].join('\n');
} finally {
  await stage.close();
}
writeFileSync(path.join(artifacts, 'soak.md'), `${report}\n`);
process.stdout.write(`${report}\n`);
process.exit(passed ? 0 : 1);
