/**
 * The API server under test: as the image runs it (`node dist/src/main-api.js`, compiled here
 * first) or from source (`node --import tsx src/main-api.ts`), as a child process configured as
 * production would run it, pointed at a sandbox that lives in the benchmark process. From source,
 * tsx's transform keeps function names by wrapping closures (`__name`), a few per cent of CPU on
 * the search path that the deployed build does not pay.
 *
 * Why not the server's in-process sandbox: it would share the server's event loop, so generating
 * and serialising ~300 upstream articles per miss would be charged to the server's own time, and
 * it has no request counter to check single flight against. Here the upstreams are, as in
 * production, elsewhere, and the benchmark counts every request they receive.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, spawnChild, stopChild, waitUntilReady, type Child } from './live-children.js';
import { startCountingSandbox, type CountingSandbox } from './live-infra.js';

export interface ApiServer {
  base: string;
  logFile: string;
  child: Child;
  sandbox: CountingSandbox;
  stop(): Promise<void>;
}

const PLENTY = '1000000';

/** Starts sandbox and server; resolves when /health/ready answers 200. */
export async function startApiServer(options: {
  databaseUrl: string;
  redisUrl: string;
  workDir: string;
  logLevel: string;
  cpuProfile: boolean;
  latencies: { newsapi: number; guardian: number; reddit: number };
  /** Another entry point that starts the same server (hit-shell.ts adds probe routes). */
  entry?: string;
  /** Run the compiled build (as deployed) instead of the TypeScript sources. */
  compiled?: boolean;
  extraEnv?: Record<string, string>;
}): Promise<ApiServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const sandbox = await startCountingSandbox(`${base}/auth/reddit/callback`);
  for (const upstream of ['newsapi', 'guardian', 'reddit'] as const) {
    sandbox.setFaults(upstream, { latencyMs: options.latencies[upstream] });
  }
  const logFile = join(options.workDir, 'server.log');
  const env = { ...serverEnv(sandbox, port, options), ...options.extraEnv };
  const nodeArgs = options.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${options.workDir}`] : [];
  const entry = options.entry ?? (options.compiled === true ? compiledEntry() : 'src/main-api.ts');
  const child = spawnChild('API server', entry, env, logFile, nodeArgs);
  try {
    await waitUntilReady(child, `${base}/health/ready`);
    checkStartup(logFile);
  } catch (error) {
    await stopChild(child);
    await sandbox.close();
    throw error;
  }
  return {
    base,
    logFile,
    child,
    sandbox,
    async stop() {
      await stopChild(child);
      await sandbox.close();
    },
  };
}

/**
 * The API server's environment, as production would set it, with the providers pointed at the
 * benchmark's sandbox. The miss floor (live-miss-floor.ts) gets the same provider settings.
 */
export function serverEnv(
  sandbox: CountingSandbox,
  port: number,
  options: { databaseUrl: string; redisUrl: string; logLevel: string },
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // Production requires a key for OAuth tokens at rest; the benchmark stores none.
    TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    // The benchmark is one client on loopback making tens of thousands of anonymous searches.
    ANONYMOUS_SEARCH_HOURLY_LIMIT: '1000000000',
    LOG_LEVEL: options.logLevel,
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    NEWSAPI_BASE_URL: sandbox.baseUrls.newsapi,
    GUARDIAN_BASE_URL: sandbox.baseUrls.guardian,
    REDDIT_AUTH_BASE_URL: sandbox.baseUrls.redditAuth,
    REDDIT_API_BASE_URL: sandbox.baseUrls.redditApi,
    // Only matters if a provider fell back to an in-process sandbox (checked below).
    SANDBOX_QUOTAS: 'unlimited',
    NEWSAPI_CALLS_PER_DAY: PLENTY,
    GUARDIAN_CALLS_PER_SECOND: PLENTY,
    GUARDIAN_CALLS_PER_DAY: PLENTY,
    REDDIT_CALLS_PER_MINUTE: PLENTY,
    // As deployed (deploy/env-contract.json): enrichment runs in the worker process, not here.
    ENRICHMENT_IN_API: 'false',
    // Far above the slowest upstream (600 ms): no search in the benchmark may be cut short.
    SEARCH_DEADLINE_MS: '3000',
  };
}

/** The start-up line must show our sandbox in use, not an in-process one. */
function checkStartup(logFile: string): void {
  const line = readFileSync(logFile, 'utf8')
    .split('\n')
    .find((l) => l.includes('Newsroom is up'));
  if (line === undefined) return; // LOG_LEVEL above info: nothing to check against
  const entry = JSON.parse(line) as { sandbox?: unknown; cache?: unknown };
  if (entry.sandbox !== null) throw new Error(`server started its own sandbox: ${line}`);
  if (typeof entry.cache !== 'string' || !entry.cache.startsWith('Redis')) {
    throw new Error(`server is not using Redis: ${line}`);
  }
}

/** Compiles the server as the Dockerfile does (deploy/tsconfig.build.json) and names its entry. */
function compiledEntry(): string {
  process.stderr.write('Compiling the server (deploy/tsconfig.build.json)\n');
  execFileSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'deploy/tsconfig.build.json'],
    {
      stdio: 'inherit',
    },
  );
  return 'dist/src/main-api.js';
}
