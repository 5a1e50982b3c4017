/**
 * `npm run test:faults`: the fault matrix under load. The real API server (a child process) over
 * a test-owned PostgreSQL cluster and Redis server, the sandbox upstreams, and a mixed load from
 * autocannon while each fault in fault-plan.ts is injected in turn. Prints a table, writes it to
 * test-artifacts/faults/fault-matrix.md and exits 1 if any check failed.
 *
 *   npm run test:faults -- [--seconds 6] [--connections 10] [--only <text in fault names>,...]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopChildrenOnExit } from '../../scripts/bench/live-children.js';
import {
  missingSaves,
  ownedSnapshot,
  secondsToRecover,
  snapshotDifferences,
  type Probe,
} from './checks.js';
import { faultPlan, type FaultCase, type FaultContext } from './fault-plan.js';
import { confirmFault, recoveryProbes } from './probes.js';
import { runLoad, type LoadOptions } from './load.js';
import { markdownTable, type FaultRow } from './report.js';
import { SERVER_SETTINGS } from './server.js';
import { CACHED_QUERIES, setStage } from './setup.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
/** No request may take longer than the search deadline plus this (machine noise, DB writes). */
const HANG_MARGIN_MS = 3000;
const HANG_BOUND_MS = SERVER_SETTINGS.searchDeadlineMs + HANG_MARGIN_MS;
/** Stated recovery bound after a fault clears (breaker half-open 3 s, Retry-After 2 s). */
const RECOVERY_LIMIT_MS = 20_000;

stopChildrenOnExit();
const artifacts = path.resolve('test-artifacts/faults');
mkdirSync(artifacts, { recursive: true });
const runStarted = performance.now();
const machine = `${cpus().length} CPUs, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at start, Node ${process.version}`;

const stage = await setStage(artifacts);
const rows: FaultRow[] = [];
try {
  const { sandbox, server, redis, postgres, users, databaseUrl, sentinelIds } = stage;
  const ctx: FaultContext = {
    sandbox,
    databaseUrl,
    server,
    redis,
    postgres,
    notes: [],
    recover: () => Promise.reject(new Error('no probes yet')),
  };
  const load: LoadOptions = {
    base: server.base,
    users,
    cachedQueries: CACHED_QUERIES,
    connections: CONNECTIONS,
    seconds: SECONDS,
    timeoutMs: HANG_BOUND_MS,
  };
  const only = args.only?.split(',');
  const plan = faultPlan().filter((f) => only?.some((o) => f.name.includes(o)) ?? true);
  for (const fault of [undefined, ...plan]) {
    const probes = recoveryProbes(server.base, users[0]!, fault?.pausedAfter ?? []);
    rows.push(await phase(fault, ctx, load, probes, databaseUrl, sentinelIds));
  }
} finally {
  await stage.close();
}

const totalSeconds = (performance.now() - runStarted) / 1000;
const failed = rows.filter((r) => r.failures.length > 0);
const summary = [
  `Fault matrix: ${rows.length} phases of ${SECONDS} s at ${CONNECTIONS} connections, ` +
    `search deadline ${SERVER_SETTINGS.searchDeadlineMs} ms, hang bound ${HANG_BOUND_MS} ms, ` +
    `recovery bound ${RECOVERY_LIMIT_MS / 1000} s; ${stage.postgres.version}; ${machine}; ` +
    `run took ${totalSeconds.toFixed(0)} s on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  markdownTable(rows),
  '',
  failed.length === 0 ? 'Every check passed.' : `${failed.length} fault(s) failed a check.`,
].join('\n');
writeFileSync(path.join(artifacts, 'fault-matrix.md'), `${summary}\n`);
process.stdout.write(`\n${summary}\n`);
process.exit(failed.length === 0 ? 0 : 1);

/** One row: snapshot, fault on, load (and the fault's own timing), fault off, recovery, checks. */
async function phase(
  fault: FaultCase | undefined,
  ctx: FaultContext,
  load: LoadOptions,
  probes: Probe[],
  databaseUrl: string,
  sentinelIds: string[],
): Promise<FaultRow> {
  const name = fault?.name ?? 'none (baseline)';
  process.stdout.write(`${name} ... `);
  ctx.notes = [];
  ctx.recover = () => secondsToRecover(probes, RECOVERY_LIMIT_MS);
  delete ctx.recovered;
  const failures: string[] = [];
  const before = await ownedSnapshot(databaseUrl, sentinelIds);
  await fault?.inject(ctx);
  if (fault !== undefined) {
    const problem = await confirmFault(fault, ctx, load.users[0]!);
    if (problem !== undefined) failures.push(`fault not in effect: ${problem}`);
  }
  const callsBefore = ctx.sandbox.counts();
  const [result, during] = await Promise.all([
    runLoad(load),
    (fault?.during?.(ctx) ?? Promise.resolve()).then(
      () => undefined,
      (error: unknown) => String(error),
    ),
  ]);
  if (during !== undefined) failures.push(during);
  const callsAfter = ctx.sandbox.counts();
  const calls = (fault?.upstreams ?? []).map((u) => `${callsAfter[u] - callsBefore[u]} ${u}`);
  if (calls.length > 0) ctx.notes.push(`upstream calls during the load: ${calls.join(', ')}`);
  for (const paused of fault?.pausedAfter ?? []) {
    const made = callsAfter[paused] - callsBefore[paused];
    if (made > 0) failures.push(`${made} calls reached ${paused} while it was paused`);
  }
  await fault?.clear(ctx);
  let recoverySeconds: number | null = null;
  if (fault?.pausedAfter !== undefined) {
    ctx.notes.push(
      `${fault.pausedAfter.join(', ')} paused for 1 h by design; recovery: searches complete without it`,
    );
  }
  if (ctx.server.child.exit.value !== undefined) {
    failures.push(`server exited (${ctx.server.child.exit.value}); restarted it`);
    await ctx.server.restart();
  }
  try {
    // A fault that cleared itself mid-load timed recovery from then; this confirms it held.
    const after = await ctx.recover();
    recoverySeconds = ctx.recovered ?? after;
  } catch (error) {
    failures.push(String(error));
  }
  const allowed = new Set(fault?.allowed ?? []);
  for (const [what, n] of Object.entries(result.serverErrors)) {
    // Allowed as "status code" for every kind of request, or as "status code (kind)" for one.
    const code = what.replace(/ \(.*\)$/, '');
    if (!allowed.has(code) && !allowed.has(what)) failures.push(`${n} x ${what}`);
  }
  if (result.timeouts > 0)
    failures.push(`${result.timeouts} requests hung past ${HANG_BOUND_MS} ms`);
  for (const [code, n] of Object.entries(result.errorCodes)) {
    // Only around a restart may connections fail: refused while the server is down, and reset
    // at most once per connection (a request written to a keep-alive connection as the
    // draining server closes it, the race every keep-alive client retries).
    const restart = fault?.recovery === 'restart';
    if (restart && (code === 'ECONNREFUSED' || (code === 'ECONNRESET' && n <= CONNECTIONS))) {
      continue;
    }
    failures.push(`${n} connection errors ${code}`);
  }
  const after = await ownedSnapshot(databaseUrl, sentinelIds);
  failures.push(...snapshotDifferences(before, after));
  const lost = await missingSaves(databaseUrl, result.acknowledgedSaves);
  if (lost.length > 0) failures.push(`${lost.length} acknowledged saves lost (${lost[0]}...)`);
  const notes = [...ctx.notes, `${result.acknowledgedSaves.size} saves acknowledged and found`];
  process.stdout.write(`${failures.length === 0 ? 'ok' : `FAIL: ${failures.join('; ')}`}\n`);
  return {
    fault: name,
    requests: result.requests,
    statuses: result.statuses,
    p50: result.p50,
    p99: result.p99,
    max: result.max,
    recoverySeconds,
    failures,
    notes,
  };
}
