/** Closed-loop HTTP load with autocannon, with latency percentiles at sub-millisecond precision. */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  failures: number;
  /** Mean bytes per response, headers included. */
  bytesPerResponse: number;
  /**
   * CPU time (user + system) the server process spent per response, in microseconds; NaN where
   * /proc is missing. Steadier than req/s when something else competes for the CPUs.
   */
  serverCpuUs: number;
}

/**
 * `connections` keep-alive connections, each sending its next GET when the previous one answered,
 * for `seconds`, against the server process `pid`. autocannon's own histogram counts whole
 * milliseconds, too coarse for a cached answer that takes one or two, so latencies come from
 * its per-response event instead.
 */
export async function load(
  url: string,
  connections: number,
  seconds: number,
  pid?: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, done) => {
      if (error !== null && error !== undefined) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } else {
        resolve(done);
      }
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  const cpu = cpuSeconds(pid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const requests = result.requests.total;
  return {
    connections,
    seconds: result.duration,
    requests,
    perSecond: requests / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures: result.errors + result.non2xx,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
    serverCpuUs: requests > 0 ? (cpu / requests) * 1e6 : Number.NaN,
  };
}

/** User + system CPU seconds of a process so far, every thread included (Linux /proc). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on every Linux Node supports
  } catch {
    return Number.NaN;
  }
}

/** The value below which `q` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
