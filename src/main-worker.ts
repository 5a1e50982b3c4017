/**
 * The worker process: config -> deps -> the enrichment sweep, every minute, until SIGTERM/SIGINT.
 * Run it beside API processes started with ENRICHMENT_IN_API=false, so analysis takes this
 * process's core instead of the API's; it finds new articles within a sweep interval.
 */
import { ConfigError, loadConfig } from './config.js';
import { createDeps } from './deps.js';
import { createLogger } from './logger.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG, as the API process.
}

if (config.DATABASE_URL === undefined) {
  // The embedded PostgreSQL belongs to the one API process that started it.
  process.stderr.write("The worker needs DATABASE_URL: it shares the API processes' database\n");
  process.exit(78);
}

const log = createLogger(config);
try {
  const deps = await createDeps(config, log, 'newsroom-worker');
  if (config.MIGRATE_ON_START) {
    const applied = await deps.database.migrate();
    if (applied.length > 0) log.info({ applied }, 'Applied database migrations');
  }
  deps.enrichment.sweep.start();
  log.info({ database: deps.database.description }, 'Worker is up: enrichment sweep running');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(130));
      log.info({ reason: signal }, 'Worker shutting down');
      // Stops between two articles; the next sweep (here or in an API) redoes the rest.
      deps.close().then(
        () => {
          log.info('Shutdown complete');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  log.fatal({ err: error }, 'Failed to start');
  process.exit(1);
}
