/**
 * The API server under test as a child process (`node --import tsx src/main-api.ts`, production
 * mode, as the benchmarks start it), over the test-owned PostgreSQL and Redis, with the sandbox
 * upstreams living in the runner's process. The port stays the same across restarts, so the
 * load generator and the sandbox's redirect URI keep working after a SIGTERM and a new start.
 */
import { randomBytes } from 'node:crypto';
import {
  freePort,
  spawnChild,
  stopChild,
  waitUntilReady,
  type Child,
} from '../../scripts/bench/live-children.js';
import type { CountingSandbox } from '../../scripts/bench/live-infra.js';

const PLENTY = '1000000000';

/** Server settings the matrix depends on; the report states them. */
export const SERVER_SETTINGS = {
  /** The product default: a live search answers within this, whatever the providers do. */
  searchDeadlineMs: 3000,
  /** Shortened from the default 30 s so recovery after a provider fault fits a short run. */
  breakerHalfOpenAfterMs: 3000,
  poolMax: 10,
} as const;

export interface ApiServer {
  base: string;
  port: number;
  child: Child;
  /** Starts the same server again (after a stop or a crash), same port, same environment. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApiServer(options: {
  databaseUrl: string;
  redisUrl: string;
  sandbox: CountingSandbox;
  logFile: string;
  port?: number;
  /** Extra node flags for the server (the soak adds --trace-gc). */
  nodeArgs?: string[];
}): Promise<ApiServer> {
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const { sandbox } = options;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    TOKEN_ENCRYPTION_KEYS: `faults:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_MAX: String(SERVER_SETTINGS.poolMax),
    REDIS_URL: options.redisUrl,
    NEWSAPI_BASE_URL: sandbox.baseUrls.newsapi,
    GUARDIAN_BASE_URL: sandbox.baseUrls.guardian,
    REDDIT_AUTH_BASE_URL: sandbox.baseUrls.redditAuth,
    REDDIT_API_BASE_URL: sandbox.baseUrls.redditApi,
    SANDBOX_QUOTAS: 'unlimited',
    // The load is a few users hammering one loopback address: no limit may shape it.
    API_KEY_HOURLY_LIMIT_BASIC: PLENTY,
    API_KEY_HOURLY_LIMIT_PREMIUM: PLENTY,
    ANONYMOUS_SEARCH_HOURLY_LIMIT: PLENTY,
    NEWSAPI_CALLS_PER_DAY: PLENTY,
    GUARDIAN_CALLS_PER_SECOND: PLENTY,
    GUARDIAN_CALLS_PER_DAY: PLENTY,
    REDDIT_CALLS_PER_MINUTE: PLENTY,
    // As deployed: enrichment runs in the worker process, not in the API.
    ENRICHMENT_IN_API: 'false',
    SEARCH_DEADLINE_MS: String(SERVER_SETTINGS.searchDeadlineMs),
    BREAKER_HALF_OPEN_AFTER_MS: String(SERVER_SETTINGS.breakerHalfOpenAfterMs),
  };
  let starts = 0;
  // Each start writes its own log (server.log, server-2.log, ...): a restart keeps the old one.
  const spawnIt = () => {
    starts += 1;
    const logFile =
      starts === 1 ? options.logFile : options.logFile.replace(/\.log$/, `-${starts}.log`);
    return spawnChild('API server', 'src/main-api.ts', env, logFile, options.nodeArgs);
  };
  const server: ApiServer = {
    base,
    port,
    child: spawnIt(),
    async restart() {
      await stopChild(server.child);
      server.child = spawnIt();
      await waitUntilReady(server.child, `${base}/health/ready`);
    },
    stop: () => stopChild(server.child),
  };
  try {
    await waitUntilReady(server.child, `${base}/health/ready`);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
  return server;
}
