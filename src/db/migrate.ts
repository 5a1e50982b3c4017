import { Migrator, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

// An arbitrary constant shared by every process of this product: the key of the advisory lock
// that serialises migrations across processes starting at the same time.
const MIGRATION_LOCK_KEY = 7_263_540_118;

/** The migrator over the explicit migration list. */
export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/**
 * Applies every pending migration. A session-level advisory lock held on a dedicated connection
 * makes concurrent callers wait and then find nothing left to do, including the creation of
 * Kysely's own bookkeeping tables, which its built-in lock does not cover.
 */
export async function migrateToLatest(db: Db, connectionString: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString, application_name: 'newsroom-migrate' });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { error, results } = await createMigrator(db).migrateToLatest();
    throwIfFailed(error, results);
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/** Names of migrations not yet applied to this database. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await createMigrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

function throwIfFailed(error: unknown, results: MigrationResultSet['results']): void {
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new Error(`Migration ${failed} failed`, { cause: error });
}
