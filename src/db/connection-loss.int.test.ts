import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';

describe('a PostgreSQL connection lost while checked out', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  it('fails the transaction it was in, without crashing the process, and the pool recovers', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const failed = await database.db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          // As a server shutdown or failover does: the backend ends between two statements.
          await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
          await sleep(200); // the FATAL message arrives while no query is active
          await sql`select 1`.execute(trx);
        })
        .then(
          () => false,
          () => true,
        );
      assert.equal(failed, true);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      assert.equal(rows[0]?.one, 1);
    } finally {
      await admin.end();
    }
  });
});
