/**
 * What each of the product's HTTP layers costs a cached answer: the bare server sending a body of
 * the cache-hit's size from memory, with no layer, with each layer alone and with all of them,
 * as a string and as a Buffer. The body holds a few typographic characters, as real pages do
 * ('…', '’'): one is enough to make V8 store the whole string two bytes per character, and then
 * every send re-encodes it to UTF-8. An investigation aid, not part of `npm run bench`:
 *
 *   node --import tsx scripts/bench/hit-layers.ts [--bytes 24384 | --body-file page.json]
 *     [--connections 50] [--seconds 8]
 *
 * Uses Redis db 15 (BENCH_REDIS_URL), flushed first, like live-search.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAYERS } from './bare-layers.js';
import {
  freePort,
  spawnChild,
  stopAll,
  stopChild,
  stopChildrenOnExit,
  waitUntilReady,
} from './live-children.js';
import { freshRedis } from './live-infra.js';
import { load, type LoadResult } from './live-load.js';

const { values } = parseArgs({
  options: {
    bytes: { type: 'string', default: '24384' },
    // A real response body (e.g. saved from GET /v1/search) instead of the synthetic one.
    'body-file': { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '8' },
  },
});
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const KEY = 'bench:layers:body';
const VARIANTS: { layers: string[]; path: string }[] = [
  { layers: [], path: '/static' },
  { layers: [], path: '/static-buffer' },
  ...LAYERS.map((l) => ({ layers: [l], path: '/static' })),
  { layers: [...LAYERS], path: '/static' },
  { layers: [...LAYERS], path: '/static-buffer' },
];

stopChildrenOnExit();
const workDir = mkdtempSync(join(tmpdir(), 'newsroom-bench-layers-'));
const redis = await freshRedis(REDIS_URL);
let exitCode = 0;
try {
  const file = values['body-file'];
  const filler = 'x'.repeat(Number(values.bytes) - 25);
  const body =
    file === undefined
      ? JSON.stringify({ results: `${filler} … it’s` })
      : readFileSync(file, 'utf8');
  await redis.set(KEY, body);
  const rows: { layers: string; result: LoadResult }[] = [];
  for (const { layers, path } of VARIANTS) {
    const port = await freePort();
    const child = spawnChild(
      'bare server',
      'scripts/bench/bare-server.ts',
      { PORT: String(port), REDIS_URL, BENCH_BARE_KEY: KEY, BARE_LAYERS: layers.join(',') },
      join(workDir, 'bare.log'),
    );
    try {
      const url = `http://127.0.0.1:${port}${path}`;
      await waitUntilReady(child, url);
      await load(url, Number(values.connections), 3);
      const seconds = Number(values.seconds);
      const result = await load(url, Number(values.connections), seconds, child.process.pid);
      const named = layers.length === 0 ? '(none)' : layers.join(' + ');
      rows.push({ layers: `${named}${path === '/static' ? '' : ', Buffer body'}`, result });
      process.stderr.write(
        `  ${rows.at(-1)?.layers ?? ''}: ${Math.round(result.perSecond)} req/s\n`,
      );
    } finally {
      await stopChild(child);
    }
  }
  const base = rows[0]?.result.perSecond ?? Number.NaN;
  const baseCpu = rows[0]?.result.serverCpuUs ?? Number.NaN;
  process.stdout.write(
    `\nBare server, ${Buffer.byteLength(body)}-byte body from memory, ` +
      `${values.connections} connections\n\n` +
      '| Layers | req/s | vs none | CPU µs/request | CPU µs added | p50 ms | p99 ms |\n' +
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n',
  );
  for (const { layers, result: r } of rows) {
    process.stdout.write(
      `| ${layers} | ${Math.round(r.perSecond)} | ${((r.perSecond / base) * 100).toFixed(0)}% | ` +
        `${r.serverCpuUs.toFixed(0)} | ${(r.serverCpuUs - baseCpu).toFixed(0)} | ` +
        `${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |\n`,
    );
  }
} catch (error) {
  exitCode = 1;
  process.stderr.write(`hit-layers could not run: ${String(error)}\n`);
} finally {
  await stopAll();
  await redis.quit();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
