import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { createDeps, type Deps } from '../src/deps.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The real app over the real dependencies, for `app.inject()`; nothing listens. */
export async function createTestApp(
  env: Record<string, string>,
  plugins: FastifyPluginAsync[] = [],
): Promise<TestApp> {
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const log = createLogger(config);
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
