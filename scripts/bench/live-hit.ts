/**
 * Phase 1, cache hit: the real server answering a cached search, next to a bare Fastify process
 * sending the same bytes from Redis (and from memory), at the same connection counts.
 */
import type { Redis } from 'ioredis';
import { join } from 'node:path';
import { freePort, spawnChild, stopChild, waitUntilReady } from './live-children.js';
import { load, type LoadResult } from './live-load.js';

export const HIT_QUERY = 'climate';
const BARE_KEY = 'bench:bare:body';
const TARGETS = ['bare', 'ours', 'static'] as const;

export interface HitRow {
  target: (typeof TARGETS)[number];
  result: LoadResult;
}

export interface HitResult {
  /** Bytes of the JSON body (headers: each row's bytesPerResponse minus this). */
  bodyBytes: number;
  rows: HitRow[];
}

export interface HitOptions {
  base: string;
  /** The API server's process id, for its CPU time. */
  serverPid: number | undefined;
  redis: Redis;
  redisUrl: string;
  workDir: string;
  connections: readonly number[];
  seconds: number;
  warmSeconds: number;
}

/**
 * Warms the entry (one miss, one hit), copies the hit's body into Redis for the bare server, then
 * per connection count warms every target briefly and measures each in turn, one at a time, so
 * no two ever share the CPUs.
 */
export async function cacheHitPhase(options: HitOptions): Promise<HitResult> {
  const url = `${options.base}/v1/search?q=${HIT_QUERY}`;
  await fetchText(url);
  const hit = await fetchText(url);
  if (hit.headers.get('x-cache') !== 'HIT') throw new Error('second climate search was not a hit');
  await options.redis.set(BARE_KEY, hit.body);

  const port = await freePort();
  const bare = spawnChild(
    'bare server',
    'scripts/bench/bare-server.ts',
    { PORT: String(port), REDIS_URL: options.redisUrl, BENCH_BARE_KEY: BARE_KEY },
    join(options.workDir, 'bare.log'),
  );
  try {
    const bareBase = `http://127.0.0.1:${port}`;
    await waitUntilReady(bare, `${bareBase}/bare`);
    if ((await fetchText(`${bareBase}/bare`)).body !== hit.body) {
      throw new Error('the bare server sends different bytes');
    }
    const urls = { ours: url, bare: `${bareBase}/bare`, static: `${bareBase}/static` };
    const pids = { ours: options.serverPid, bare: bare.process.pid, static: bare.process.pid };
    const rows: HitRow[] = [];
    for (const connections of options.connections) {
      for (const target of TARGETS) await load(urls[target], connections, options.warmSeconds);
      for (const target of TARGETS) {
        process.stderr.write(`  ${target} at ${connections} connections\n`);
        const result = await load(urls[target], connections, options.seconds, pids[target]);
        rows.push({ target, result });
      }
    }
    return { bodyBytes: Buffer.byteLength(hit.body), rows };
  } finally {
    await stopChild(bare);
  }
}

/** GET returning the body as text; a non-2xx answer is an error. */
export async function fetchText(url: string): Promise<{ body: string; headers: Headers }> {
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
  return { body, headers: res.headers };
}
