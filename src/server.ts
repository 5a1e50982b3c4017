import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import { createDeps, type Deps } from './deps.js';
import { buildApp } from './http/app.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  app: FastifyInstance;
  deps: Deps;
  /** Base URL the API actually listens on (the real port when PORT=0). */
  url: string;
  /** Stop accepting, drain in-flight requests (bounded), release resources. Idempotent. */
  shutdown(reason: string): Promise<void>;
}

/**
 * config -> deps -> migrations -> app -> listen. `main-api.ts` calls this and wires signals;
 * tests call it to run the real server in-process or in a child process.
 */
export async function startServer(options: {
  config: Config;
  log: Logger;
  plugins?: FastifyPluginAsync[];
}): Promise<RunningServer> {
  const { config, log } = options;
  const deps = await createDeps(config, log, 'newsroom-api');
  if (config.MIGRATE_ON_START) {
    const applied = await deps.database.migrate();
    if (applied.length > 0) log.info({ applied }, 'Applied database migrations');
  }
  const app = await buildApp({
    config,
    log,
    services: deps.services,
    metrics: deps.metrics,
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  const url = publicUrl(config, app);
  logSummary(log, deps, url);
  // The API enriches what it writes; the sweep finds what an earlier process left undone.
  if (config.ENRICHMENT_IN_API) deps.enrichment.sweep.start();

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    closing ??= drainAndClose(app, deps, reason);
    return closing;
  };
  return { app, deps, url, shutdown };
}

async function drainAndClose(app: FastifyInstance, deps: Deps, reason: string): Promise<void> {
  const { log, config } = deps;
  log.info({ reason, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'Shutting down; draining requests');
  deps.services.health.markDraining();
  const deadline = setTimeout(() => {
    log.warn('Drain deadline passed; closing remaining connections');
    app.server.closeAllConnections();
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
    await deps.close();
  }
  log.info('Shutdown complete');
}

function publicUrl(config: Config, app: FastifyInstance): string {
  if (config.PUBLIC_URL !== undefined) return config.PUBLIC_URL.replace(/\/$/, '');
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** One line a person reads at start: where things are and which backends are in use. */
function logSummary(log: Logger, deps: Deps, url: string): void {
  log.info(
    {
      api: `${url}/v1`,
      docs: `${url}/docs`,
      webApp: `${url}/`,
      database: deps.database.description,
      cache: deps.cache.kind === 'redis' ? 'Redis (REDIS_URL)' : 'in-memory',
      upstreams: deps.services.providers.describe(),
      sandbox: deps.sandbox?.url ?? null,
    },
    `Newsroom is up: web app ${url}/ · API ${url}/v1 · docs ${url}/docs`,
  );
}

/**
 * SIGTERM/SIGINT: drain and exit 0 (1 if closing failed). A second signal while draining exits
 * at once, for the person pressing Ctrl-C twice.
 */
export function exitOnSignals(server: RunningServer, log: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(130));
      server.shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
