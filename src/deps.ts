import { createArticleService, type ArticleService } from './articles/article.service.js';
import type { Cache } from './cache/cache.js';
import { createCache } from './cache/create-cache.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { pingDatabase } from './db/database.js';
import { openDatabase, type OpenDatabase } from './db/open-database.js';
import { createHealthService, type HealthService } from './health/health.service.js';
import type { Logger } from './logger.js';

export interface Services {
  health: HealthService;
  articles: ArticleService;
}

export interface Deps {
  config: Config;
  log: Logger;
  clock: Clock;
  database: OpenDatabase;
  cache: Cache;
  services: Services;
  /** Releases every resource in reverse order of acquisition. */
  close(): Promise<void>;
}

/** The one composition root: every dependency is built here and passed down as an argument. */
export async function createDeps(
  config: Config,
  log: Logger,
  applicationName: string,
): Promise<Deps> {
  const database = await openDatabase(config, log, applicationName);
  const cache = await createCache(config, log);
  const services: Services = {
    health: createHealthService({
      pingDatabase: () => pingDatabase(database.db),
      pendingMigrations: () => database.pendingMigrations(),
      cache,
      probeTimeoutMs: 2000,
    }),
    articles: createArticleService({ db: database.db }),
  };
  return {
    config,
    log,
    clock: systemClock,
    database,
    cache,
    services,
    async close() {
      await cache.close();
      await database.close();
    },
  };
}
