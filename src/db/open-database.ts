import { databaseUrl, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDatabase, type Db } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  /** Where the data lives, without credentials, for logs and health output. */
  description: string;
  kind: 'embedded' | 'external';
  migrate(): Promise<string[]>;
  pendingMigrations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL (with DATABASE_PASSWORD in it, when set), or starts the embedded
 * PostgreSQL when it is unset, so that a fresh clone runs with nothing configured.
 */
export async function openDatabase(
  config: Config,
  log: Logger,
  applicationName: string,
): Promise<OpenDatabase> {
  const externalUrl = databaseUrl(config);
  const embedded =
    externalUrl === undefined
      ? await startEmbeddedPostgres({
          dataDir: config.DATA_DIR,
          port: config.EMBEDDED_POSTGRES_PORT,
          log,
        })
      : undefined;
  const connectionString = externalUrl ?? embedded?.connectionString ?? '';
  const db = createDatabase({
    connectionString,
    poolMax: config.DATABASE_POOL_MAX,
    applicationName,
  });
  const description = describeUrl(connectionString, embedded !== undefined);
  return {
    db,
    description,
    kind: embedded ? 'embedded' : 'external',
    migrate: () => migrateToLatest(db, connectionString),
    pendingMigrations: () => pendingMigrations(db),
    close: async () => {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

function describeUrl(connectionString: string, embedded: boolean): string {
  const url = new URL(connectionString);
  const where = `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`;
  return embedded ? `embedded PostgreSQL (${where})` : `PostgreSQL (${where})`;
}
