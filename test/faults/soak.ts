/**
 * `npm run soak`: the fault matrix's mixed load, without faults, for ten minutes (`--minutes` to
 * change it), sampling the server's memory, event-loop delay and DB pool every 10 s from its
 * /metrics. Passes when the heap floor and RSS show no growth trend over the second half (least-
 * squares slope at most 1 MB/min and 2 MB/min), no request failed with a 5xx or hung, and no
 * query waited for a pool client at the end. Writes test-artifacts/soak/soak.md.
 *
 *   npm run soak -- [--minutes 10] [--connections 10]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopChildrenOnExit } from '../../scripts/bench/live-children.js';
import { runLoad } from './load.js';
import { sample, slope, type Sample } from './metrics-sampler.js';
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
const RSS_SLOPE_LIMIT = 2; // MB per minute

stopChildrenOnExit();
const artifacts = path.resolve('test-artifacts/soak');
mkdirSync(artifacts, { recursive: true });
const machine = `${cpus().length} CPUs, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at start, Node ${process.version}`;

const stage = await setStage(artifacts);
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
  const secondHalf = samples.filter((s) => s.at > (MINUTES * 60) / 2);
  const perMinute = (pick: (s: Sample) => number) =>
    slope(secondHalf.map((s) => [s.at / 60, pick(s)] as const));
  const heapSlope = perMinute((s) => s.heapFloorMb);
  const rssSlope = perMinute((s) => s.rssMb);
  const serverErrors = Object.entries(result.serverErrors);
  const lastPool = samples.at(-1);
  const checks = [
    [
      `heap floor slope ${heapSlope.toFixed(2)} MB/min <= ${HEAP_SLOPE_LIMIT}`,
      heapSlope <= HEAP_SLOPE_LIMIT,
    ],
    [`RSS slope ${rssSlope.toFixed(2)} MB/min <= ${RSS_SLOPE_LIMIT}`, rssSlope <= RSS_SLOPE_LIMIT],
    [
      `no 5xx (${serverErrors.map(([k, n]) => `${n} x ${k}`).join(', ') || 'none'})`,
      serverErrors.length === 0,
    ],
    [
      `no request hung (${result.timeouts} timeouts, ${result.errors} connection errors)`,
      result.timeouts + result.errors === 0,
    ],
    [
      `no query waiting for a pool client at the end (${lastPool?.poolWaitingMax ?? '?'})`,
      lastPool?.poolWaitingMax === 0,
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
