import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

// BIGINT ids stay strings (exact beyond 2^53); COUNT(*) results are small enough for numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export interface DatabaseOptions {
  connectionString: string;
  poolMax: number;
  /** Name shown in pg_stat_activity, to tell the API from the worker. */
  applicationName: string;
}

/** Builds the Kysely instance over a pg pool; the pool connects lazily on first query. */
export function createDatabase(options: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
    // A query stuck behind a lock must not hold a request forever.
    statement_timeout: 15000,
  });
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool drops it and the next query reconnects.
  pool.on('error', () => undefined);
  // Nor may a checked-out client between two statements (inside a transaction): pg emits the
  // loss on the client itself, where no listener would make it an uncaught exception. Its next
  // query fails instead, and the pool discards it on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, { pool, max: options.poolMax });
  return db;
}

export interface PoolStats {
  /** Clients open (busy and idle). */
  total: number;
  idle: number;
  /** Queries queued for a client: above zero, the pool is saturated. */
  waiting: number;
  max: number;
}

// Kysely hides its pool; the metrics read the counts through this side table.
const pools = new WeakMap<Db, { pool: pg.Pool; max: number }>();

/** The pool's counts now, for the saturation gauges; undefined for a Db built elsewhere. */
export function poolStats(db: Db): PoolStats | undefined {
  const entry = pools.get(db);
  if (entry === undefined) return undefined;
  const { pool, max } = entry;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max };
}

/** Cheap liveness probe used by the readiness check. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Runs a query as a named prepared statement: PostgreSQL parses it once per connection and, after
 * five executions, plans it once too (a generic plan) when that plan costs no more than the
 * custom ones. Worth it for a statement run constantly with the same text and a stable plan: the
 * write-through's upsert spent 0.6 ms parsing and 1.4 ms binding and planning on every page, 0.8
 * ms binding named (docs/performance.md). The name carries a hash of the text, so a changed
 * statement is prepared anew instead of clashing with the old one on a connection.
 *
 * Inside a transaction (or any Kysely not built by createDatabase) it runs as an ordinary query
 * on that connection. Not for transaction-mode poolers such as PgBouncer, which may run a later
 * execution on a connection that never prepared it; the product connects to PostgreSQL directly.
 */
export async function executePrepared<R>(
  db: Db,
  name: string,
  query: CompiledQuery<R>,
): Promise<{ rows: R[] }> {
  const entry = pools.get(db);
  if (entry === undefined) return db.executeQuery(query);
  const digest = createHash('sha1').update(query.sql).digest('hex').slice(0, 16);
  const result = await entry.pool.query<R & pg.QueryResultRow>({
    name: `${name}_${digest}`,
    text: query.sql,
    values: [...query.parameters],
  });
  return { rows: result.rows };
}
