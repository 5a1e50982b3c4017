/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL
 * when DATABASE_URL is unset, then exits. Safe to run while the API is starting (advisory lock).
 */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { createLogger } from '../src/logger.js';

const config = loadConfig();
const log = createLogger(config);
const database = await openDatabase(config, log, 'newsroom-migrate');
try {
  const applied = await database.migrate();
  log.info({ applied, database: database.description }, 'Migrations applied');
} finally {
  await database.close();
}
