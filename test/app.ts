import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { loadConfig, type Config } from '../src/config.js';
import { createDeps, type Deps } from '../src/deps.js';
import { buildApp } from '../src/http/app.js';
import { createLogger, loggerOptions } from '../src/logger.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The real app over the real dependencies, for `app.inject()`; nothing listens. */
export async function createTestApp(
  env: Record<string, string>,
  plugins: FastifyPluginAsync[] = [],
  options: { logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  // A destination lets a test read what was logged (with the product's redaction applied).
  const log =
    options.logDestination === undefined
      ? createLogger(config)
      : pino(loggerOptions(config), options.logDestination);
  const deps = await createDeps(config, log, 'newsroom-test');
  const app = await buildApp({
    config,
    log,
    services: deps.services,
    metrics: deps.metrics,
    plugins,
  });
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.close();
    },
  };
}
