import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createDatabase, executePrepared, type Db } from './database.js';

describe('executePrepared', () => {
  let database: TestDatabase;
  // One connection, so what it prepared is what pg_prepared_statements shows.
  let db: Db;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
    db = createDatabase({ connectionString: database.url, poolMax: 1, applicationName: 'test' });
  });
  after(async () => {
    await db.destroy();
    await database.drop();
  });

  const prepared = () =>
    sql<{ name: string; runs: number }>`
      select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements
      order by name`
      .execute(db)
      .then((r) => r.rows);

  it('prepares a statement once per connection and runs it with each call’s parameters', async () => {
    const sums: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { rows } = await executePrepared(
        db,
        'add_one',
        sql<{ n: number }>`select ${i}::int + 1 as n`.compile(db),
      );
      sums.push(rows[0]?.n ?? -1);
    }
    assert.deepEqual(sums, [1, 2, 3, 4, 5, 6, 7, 8]);
    const statements = (await prepared()).filter((s) => s.name.startsWith('add_one_'));
    assert.equal(statements.length, 1);
    assert.equal(statements[0]?.runs, 8);
  });

  it('prepares a changed text under a name of its own instead of failing', async () => {
    const { rows } = await executePrepared(
      db,
      'add_one',
      sql<{ n: number }>`select ${41}::int + 1 as n, 'v2' as v`.compile(db),
    );
    assert.equal(rows[0]?.n, 42);
    const statements = (await prepared()).filter((s) => s.name.startsWith('add_one_'));
    assert.equal(statements.length, 2);
  });

  it('runs as an ordinary query inside a transaction', async () => {
    const n = await db.transaction().execute(async (trx) => {
      const { rows } = await executePrepared(
        trx,
        'in_trx',
        sql<{ n: number }>`select ${1}::int as n`.compile(trx),
      );
      return rows[0]?.n;
    });
    assert.equal(n, 1);
    assert.equal((await prepared()).filter((s) => s.name.startsWith('in_trx_')).length, 0);
  });
});
