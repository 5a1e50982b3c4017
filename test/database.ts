import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { testEnv } from './env.js';

export interface TestDatabase {
  db: Db;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, uniquely named database on the test server, migrated unless asked not to, so test
 * files never see each other's rows and can run in parallel.
 */
export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `newsroom_test_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = withDatabase(testEnv.databaseUrl, name);
  const db = createDatabase({
    connectionString: url,
    poolMax: 5,
    applicationName: 'newsroom-test',
  });
  if (options.migrate !== false) await migrateToLatest(db, url);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testEnv.databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
