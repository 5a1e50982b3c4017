/**
 * The live-search benchmark's backing services: a PostgreSQL database of its own (dropped and
 * re-created each run), one Redis logical database (flushed each run) and the sandbox upstreams
 * with a per-upstream request counter.
 */
import { Redis } from 'ioredis';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { SANDBOX_PREFIXES } from '../../src/sandbox/credentials.js';
import { buildSandboxApp, type Faults, type Upstream } from '../../src/sandbox/sandbox.js';

/** Drops and re-creates `database` through the server at `adminUrl`; returns its URL. */
export async function freshDatabase(adminUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // FORCE: a server left over from an interrupted run may still hold connections.
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Connects to `url` (which must name a logical database) and empties that database only. */
export async function freshRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  if (redis.options.db === undefined || redis.options.db === 0) {
    redis.disconnect();
    throw new Error(`${url} must name a dedicated logical database (e.g. /15), never db 0`);
  }
  await redis.flushdb();
  return redis;
}

/** Where a sandbox request went; the Reddit token endpoint is told apart from its API. */
export type CountedUpstream = Upstream | 'reddit-auth';

export interface CountingSandbox {
  url: string;
  baseUrls: { newsapi: string; guardian: string; redditAuth: string; redditApi: string };
  setFaults(upstream: Upstream, faults: Faults): void;
  /** Requests received per upstream since start. */
  counts(): Record<CountedUpstream, number>;
  close(): Promise<void>;
}

/**
 * The sandbox in this process, on loopback, with unlimited quotas and a counter on the raw HTTP
 * server (before any Fastify hook, so a request the sandbox faults or rejects still counts).
 */
export async function startCountingSandbox(redirectUri: string): Promise<CountingSandbox> {
  const unlimited = 1_000_000_000;
  const { app, faults } = await buildSandboxApp({
    seed: 'newsroom',
    redditRedirectUris: [redirectUri],
    quotas: {
      newsapiPerDay: unlimited,
      guardianPerSecond: unlimited,
      guardianPerDay: unlimited,
      redditPerWindow: unlimited,
    },
  });
  const counts: Record<CountedUpstream, number> = {
    newsapi: 0,
    guardian: 0,
    reddit: 0,
    'reddit-auth': 0,
  };
  app.server.on('request', (req: { url?: string }) => {
    const path = req.url ?? '';
    if (path.startsWith(`${SANDBOX_PREFIXES.newsapi}/`)) counts.newsapi += 1;
    else if (path.startsWith(`${SANDBOX_PREFIXES.guardian}/`)) counts.guardian += 1;
    else if (path.startsWith(`${SANDBOX_PREFIXES.redditAuth}/`)) counts['reddit-auth'] += 1;
    else if (path.startsWith(`${SANDBOX_PREFIXES.redditApi}/`)) counts.reddit += 1;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox has no port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    baseUrls: {
      newsapi: `${url}${SANDBOX_PREFIXES.newsapi}`,
      guardian: `${url}${SANDBOX_PREFIXES.guardian}`,
      redditAuth: `${url}${SANDBOX_PREFIXES.redditAuth}`,
      redditApi: `${url}${SANDBOX_PREFIXES.redditApi}`,
    },
    setFaults: (upstream, value) => faults.set(upstream, value),
    counts: () => ({ ...counts }),
    close: () => app.close(),
  };
}

/** PostgreSQL and Redis server versions, for the report. */
export async function serviceVersions(
  adminUrl: string,
  redis: Redis,
): Promise<{ postgres: string; redis: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>('select current_setting($1) as v', [
      'server_version',
    ]);
    const info = await redis.info('server');
    return {
      postgres: `PostgreSQL ${rows[0]?.v.split(' ')[0] ?? '?'}`,
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?',
    };
  } finally {
    await client.end();
  }
}

/** Share of all CPUs busy over the next `ms` (before the run: anything else running skews it). */
export async function cpuBusy(ms = 1000): Promise<number> {
  const sample = () =>
    os.cpus().reduce(
      (sum, cpu) => {
        const { user, nice, sys, irq, idle } = cpu.times;
        return {
          busy: sum.busy + user + nice + sys + irq,
          all: sum.all + user + nice + sys + irq + idle,
        };
      },
      { busy: 0, all: 0 },
    );
  const before = sample();
  await sleep(ms);
  const after = sample();
  return (after.busy - before.busy) / Math.max(1, after.all - before.all);
}
