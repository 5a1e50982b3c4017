/**
 * Phase 2b, the cache miss's floor: the same sequential misses against miss-floor-server.ts (the
 * API's provider clients and fan-out, nothing after the slowest page), on the same sandbox. What
 * it measures is the part of the miss overhead no work of ours causes.
 */
import { join } from 'node:path';
import { freePort, spawnChild, stopChild, waitUntilReady } from './live-children.js';
import { cacheMissPhase, type MissResult } from './live-miss.js';
import { serverEnv, type ApiServer } from './live-server.js';

export async function missFloorPhase(options: {
  server: ApiServer;
  databaseUrl: string;
  redisUrl: string;
  workDir: string;
  /** Unmeasured first (the Reddit token, the clients' code warming up), then measured. */
  warmQueries: readonly string[];
  queries: readonly string[];
}): Promise<MissResult> {
  const port = await freePort();
  const logFile = join(options.workDir, 'miss-floor.log');
  const env = serverEnv(options.server.sandbox, port, { ...options, logLevel: 'silent' });
  const floor = spawnChild('miss floor', 'scripts/bench/miss-floor-server.ts', env, logFile);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitUntilReady(floor, `${base}/health/ready`);
    await cacheMissPhase(base, options.warmQueries, logFile);
    return await cacheMissPhase(base, options.queries, logFile);
  } finally {
    await stopChild(floor);
  }
}
