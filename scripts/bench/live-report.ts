/** The live-search benchmark's figures as Markdown tables, goal lines and the docs section. */
import os from 'node:os';
import { writeSection } from './live-docs.js';
import type { FlightResult } from './live-flight.js';
import type { HitResult, HitRow } from './live-hit.js';
import type { LoadResult } from './live-load.js';
import type { MissResult, Spread } from './live-miss.js';

/** What ran (a phase left out with --phases is absent) and what it ran on. */
export interface LiveReport {
  hit?: HitResult;
  miss?: MissResult;
  /** The same misses against the fan-out alone (live-miss-floor.ts). */
  missFloor?: MissResult;
  flight?: FlightResult;
  latencies: { newsapi: number; guardian: number; reddit: number };
  logLevel: string;
  /** compiled: dist/ as the image runs it; source: TypeScript through tsx. */
  server: 'compiled' | 'source';
  versions: { postgres: string; redis: string };
  command: string;
  /** Per load measurement and the warm-up before it. */
  seconds: number;
  warmSeconds: number;
  /** Share of the CPUs busy in the second before the run (should be near 0). */
  busyBefore: number;
  writeDocs: boolean;
}

interface Section {
  title: string;
  text: string;
  goals: { text: string; met: boolean }[];
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString('en');
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const row = (...cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const NAMES: Record<HitRow['target'], string> = {
  ours: '`GET /v1/search?q=climate` (ours)',
  bare: 'bare Fastify + Redis GET',
  static: 'bare Fastify, body in memory',
};

function hitSection(hit: HitResult): Section {
  const rows = hit.rows.map(({ target, result: r }) =>
    row(
      NAMES[target],
      r.connections,
      int(r.perSecond),
      ms(r.p50),
      ms(r.p99),
      int(r.serverCpuUs),
      int(r.bytesPerResponse - hit.bodyBytes),
      r.failures,
    ),
  );
  const ratios: string[] = [];
  const goals: Section['goals'] = [];
  for (const connections of new Set(hit.rows.map((r) => r.result.connections))) {
    const find = (t: HitRow['target']): LoadResult | undefined =>
      hit.rows.find((r) => r.target === t && r.result.connections === connections)?.result;
    const [ours, bare, inMemory] = [find('ours'), find('bare'), find('static')];
    if (ours === undefined || bare === undefined) continue;
    const throughput = ours.perSecond / bare.perSecond;
    const p99 = ours.p99 / bare.p99;
    const likeForLike =
      inMemory === undefined
        ? '–'
        : `${pct(ours.perSecond / inMemory.perSecond)} / ${times(ours.p99 / inMemory.p99)}`;
    const cpu = times(ours.serverCpuUs / bare.serverCpuUs);
    ratios.push(row(connections, pct(throughput), times(p99), cpu, likeForLike));
    const at = `at ${connections} connections`;
    goals.push(
      {
        text: `cache hit throughput ours/bare ${at} ≥ 70%: ${pct(throughput)}`,
        met: throughput >= 0.7,
      },
      { text: `cache hit p99 ours/bare ${at} ≤ 1.5×: ${times(p99)}`, met: p99 <= 1.5 },
    );
  }
  const text = [
    `Response body ${int(hit.bodyBytes)} bytes (20 results). CPU µs/req: the server process's ` +
      'CPU time (all threads) per response, steadier than req/s when other work shares the CPUs. ' +
      'Our hits come from the in-process ' +
      'page tier (no Redis round trip), so the bare server with the body in memory is the ' +
      'like-for-like baseline; the goals are set against the bare server doing one Redis GET.',
    '',
    row('Target', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'Header bytes', 'Failures'),
    row('---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'),
    ...rows,
    '',
    row(
      'Conns',
      'Throughput ours/bare (goal ≥ 70%)',
      'p99 ours/bare (goal ≤ 1.5×)',
      'CPU/req ours/bare',
      'Throughput / p99 ours vs body in memory',
    ),
    row('---:', '---:', '---:', '---:', '---:'),
    ...ratios,
  ].join('\n');
  return { title: 'Cache hit', text, goals };
}

function missSection(miss: MissResult, floor: MissResult | undefined): Section {
  const failed = miss.samples.flatMap((s) => s.providers).filter((p) => p.status !== 'ok');
  const perProvider = [...miss.perProvider].map(([p, n]) => `${p} ${n.toFixed(0)}`).join(', ');
  const spread = (label: string, s: Spread) =>
    row(label, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max));
  const text = [
    `${miss.samples.length} sequential searches, each a different query; per search the ` +
      `providers returned ${miss.meanFetched.toFixed(0)} articles on average (${perProvider}), ` +
      `${miss.meanResults.toFixed(0)} after dedup; ${failed.length} provider failures.`,
    '',
    row('Milliseconds', 'p50', 'p90', 'p99', 'max'),
    row('---', '---:', '---:', '---:', '---:'),
    spread('Client latency', miss.latency),
    spread('Overhead: client latency − slowest provider', miss.overhead),
    spread('Overhead: server-logged duration − slowest provider', miss.serverOverhead),
    ...(floor === undefined
      ? []
      : [
          spread('Floor: client latency − slowest provider, the fan-out alone', floor.overhead),
          '',
          'Floor: the same searches, in the same order, against a bare server that runs the ' +
            "API's provider clients and fan-out and nothing after the slowest page " +
            '(`scripts/bench/miss-floor-server.ts`: no dedup, scoring, write-through, ' +
            'sentiment, rendering or cache). What it measures no work of ours causes.',
        ]),
  ].join('\n');
  const met = miss.overhead.p99 < 25 && failed.length === 0;
  return {
    title: 'Cache miss',
    text,
    goals: [{ text: `cache miss overhead p99 < 25 ms: ${ms(miss.overhead.p99)} ms`, met }],
  };
}

function flightSection(flight: FlightResult): Section {
  const providers = ['newsapi', 'guardian', 'reddit'] as const;
  const server = (p: string) => flight.serverCounted.get(p) ?? 0;
  const statuses = [...flight.statuses].map(([s, n]) => `${n}× ${s}`).join(', ');
  const cache = [...flight.cacheResults].map(([r, n]) => `${r} ${n}`).join(', ');
  const text = [
    `${flight.requests} concurrent identical searches that all missed: ${statuses} in ` +
      `${flight.wallMs.toFixed(0)} ms; cache results ${cache}; ${flight.distinctBodies} ` +
      `distinct body; Reddit token requests ${flight.sandboxCounted['reddit-auth']}.`,
    '',
    row('Provider', 'Upstream calls (server /metrics)', 'Requests the sandbox received'),
    row('---', '---:', '---:'),
    ...providers.map((p) => row(p, server(p), flight.sandboxCounted[p])),
  ].join('\n');
  const met = providers.every((p) => server(p) === 1 && flight.sandboxCounted[p] === 1);
  const seen = providers.map((p) => `${p} ${server(p)}/${flight.sandboxCounted[p]}`).join(', ');
  return {
    title: 'Single flight',
    text,
    goals: [{ text: `single flight: exactly 1 upstream call per provider: ${seen}`, met }],
  };
}

/** Prints the tables and goal lines; writes the docs section unless told not to. */
export async function printAndWrite(report: LiveReport): Promise<void> {
  const sections = [
    report.hit && hitSection(report.hit),
    report.miss && missSection(report.miss, report.missFloor),
    report.flight && flightSection(report.flight),
  ].filter((s) => s !== undefined);
  const goalLines = sections
    .flatMap((s) => s.goals)
    .map((g) => `- goal ${g.met ? 'met' : 'MISSED'}: ${g.text}`);
  const body = [
    ...sections.flatMap((s) => [`### ${s.title}`, '', s.text, '']),
    '### Goals',
    '',
    ...goalLines,
  ].join('\n');
  process.stdout.write(`\n${body}\n`);
  if (report.writeDocs) {
    await writeSection('live-search', 'Live search benchmark', docsSection(report, body));
  }
}

function docsSection(report: LiveReport, body: string): string {
  const { newsapi, guardian, reddit } = report.latencies;
  const cpu = os.cpus()[0]?.model.trim() ?? 'CPU';
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${report.command}\` on ` +
      `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
      `Node ${process.version}; ${report.versions.postgres}, Redis ${report.versions.redis}, all ` +
      `on loopback; CPUs ${pct(report.busyBefore)} busy in the second before the run.`,
    `The API server runs ${report.server === 'compiled' ? 'compiled (`node dist/src/main-api.js`, as the image runs it)' : 'from source through tsx'} ` +
      'as a child process with `NODE_ENV=production ' +
      `LOG_LEVEL=${report.logLevel}\` (log lines written to a file); autocannon and the sandbox ` +
      `upstreams run in the benchmark process, the upstreams answering after fixed latencies ` +
      `(NewsAPI ${newsapi} ms, Guardian ${guardian} ms, Reddit ${reddit} ms). Autocannon keeps ` +
      `each connection busy (closed loop), ${report.warmSeconds} s of warm-up before each ` +
      `${report.seconds} s measurement; targets are measured one at a time.`,
    '',
    body,
  ].join('\n');
}
