/**
 * Anatomy of a cache hit inside the real server: the same process answers `GET /v1/search` (a
 * hit), a probe route sending the hit's body as a string through the same app shell, and one
 * sending it as a Buffer; at each log level asked for. Differences in server CPU per response
 * are then the search route's own work, the per-send UTF-8 encoding, and logging. An
 * investigation aid, not part of `npm run bench`:
 *
 *   node --import tsx scripts/bench/hit-shell.ts [--log-levels info,silent] [--connections 50]
 *     [--seconds 8] [--rounds 2]
 *
 * Uses the live-search benchmark's database and Redis db 15, both reset first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stopAll, stopChildrenOnExit } from './live-children.js';
import { fetchText, HIT_QUERY } from './live-hit.js';
import { freshDatabase, freshRedis } from './live-infra.js';
import { load } from './live-load.js';
import { startApiServer } from './live-server.js';

const { values } = parseArgs({
  options: {
    'log-levels': { type: 'string', default: 'info,silent' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
  },
});
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
const PATHS = [`/v1/search?q=${HIT_QUERY}`, '/bench/static', '/bench/static-buffer'];
const connections = Number(values.connections);

stopChildrenOnExit();
const workDir = mkdtempSync(join(tmpdir(), 'newsroom-bench-shell-'));
const lines: string[] = [];
let exitCode = 0;
try {
  for (const logLevel of values['log-levels'].split(',')) {
    const redis = await freshRedis(REDIS_URL);
    const server = await startApiServer({
      databaseUrl: await freshDatabase(ADMIN_URL, 'newsroom_bench_live'),
      redisUrl: REDIS_URL,
      workDir,
      logLevel,
      cpuProfile: false,
      latencies: { newsapi: 250, guardian: 400, reddit: 600 },
      entry: 'scripts/bench/hit-shell-server.ts',
      extraEnv: { BENCH_BODY_KEY: 'bench:shell:body' },
    });
    try {
      // One miss to fill the cache, one hit whose body the probe routes will then send.
      const hitUrl = `${server.base}/v1/search?q=${HIT_QUERY}`;
      await fetchText(hitUrl);
      await redis.set('bench:shell:body', (await fetchText(hitUrl)).body);
      const pid = server.child.process.pid;
      const seconds = Number(values.seconds);
      for (const path of PATHS) await load(`${server.base}${path}`, connections, 3, pid);
      for (let round = 0; round < Number(values.rounds); round += 1) {
        for (const path of PATHS) {
          const r = await load(`${server.base}${path}`, connections, seconds, pid);
          const cpu = r.serverCpuUs.toFixed(0);
          lines.push(
            `| ${logLevel} | \`${path}\` | ${Math.round(r.perSecond)} | ${cpu} | ` +
              `${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
          );
          process.stderr.write(`${lines.at(-1) ?? ''}\n`);
        }
      }
    } finally {
      await server.stop();
      await redis.quit();
    }
  }
  process.stdout.write(
    `\nThe real server, ${connections} connections\n\n` +
      '| LOG_LEVEL | Path | req/s | CPU µs/req | p50 ms | p99 ms |\n' +
      '| --- | --- | ---: | ---: | ---: | ---: |\n' +
      `${lines.join('\n')}\n`,
  );
} catch (error) {
  exitCode = 1;
  process.stderr.write(`hit-shell could not run: ${String(error)}\n`);
} finally {
  await stopAll();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
