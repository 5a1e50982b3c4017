import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

// PostgreSQL error classes that mean "not now" rather than "wrong": cancelled by the statement
// timeout (57014), too many connections (53300), the server shutting down or starting (57P0x),
// lost connections (class 08) and refused or dropped sockets.
const UNAVAILABLE = /^(53300|57P0[1-3]|08...|ECONNREFUSED|ECONNRESET|ETIMEDOUT)$/;

/**
 * The settings every store read runs under, as select-list items for the first statement of its
 * transaction (set_config(..., true) is SET LOCAL with parameters, and riding on a statement the
 * read makes anyway saves a round trip): the statement timeout, and JIT off, which costs 40-50 ms
 * of compilation on broad queries and never pays back on these short ones.
 */
export function readSettings(timeoutMs: number): RawBuilder<unknown> {
  const ms = String(Math.max(1, Math.round(timeoutMs)));
  return sql`set_config('statement_timeout', ${ms}, true) as statement_timeout,
    set_config('jit', 'off', true) as jit`;
}

/**
 * Runs a read in its own read-only, repeatable-read transaction (one snapshot for all its
 * statements) whose first statement must select readSettings(timeoutMs); a cancelled statement
 * or an unreachable database becomes a retryable 503 service_unavailable, never a hang or a 500.
 */
export async function readOnly<T>(
  db: Db,
  timeoutMs: number,
  read: (trx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(read);
  } catch (error) {
    throw unavailable(error, timeoutMs) ?? error;
  }
}

// Setting names and values are written into the statement text (the simple-query protocol that
// carries two statements in one round trip takes no parameters), so only these shapes pass.
const SETTING_NAME = /^[a-z_]+$/;
const SETTING_VALUE = /^[a-z0-9]+$/;
const CUSTOM_SETTING = /^newsroom\.[a-z_]+$/;
// One snapshot for every statement, as in readOnly: what the first one reads, the rest see.
const READ_ONLY = 'isolation level repeatable read read only';

/**
 * A read-only transaction that opens with its settings in the same round trip (BEGIN and one
 * SELECT of set_config(..., true), sent as one simple query): the statement timeout, JIT off
 * (see readSettings) and `settings`, all SET LOCAL. For reads whose every statement must be
 * planned under settings, such as a store search's pinned plan. Errors map as in readOnly.
 *
 * `remember` keeps the values of SQL expressions (constant text from the code, never input) as
 * custom settings of the transaction, read back with current_setting(name). They are planned
 * with that first statement, before its settings apply: a store search pins plans that cannot use
 * a b-tree, yet reads max(id) from one here.
 */
export async function readOnlyWithSettings<T>(
  db: Db,
  timeoutMs: number,
  settings: Readonly<Record<string, string>>,
  read: (connection: Db) => Promise<T>,
  remember: Readonly<Record<string, string>> = {},
): Promise<T> {
  const all = {
    statement_timeout: String(Math.max(1, Math.round(timeoutMs))),
    jit: 'off',
    ...settings,
  };
  const configs = Object.entries(all).map(([name, value]) => {
    if (!SETTING_NAME.test(name) || !SETTING_VALUE.test(value)) {
      throw new Error(`Refusing the setting ${JSON.stringify(name)} = ${JSON.stringify(value)}`);
    }
    return `set_config('${name}', '${value}', true)`;
  });
  for (const [name, expression] of Object.entries(remember)) {
    if (!CUSTOM_SETTING.test(name)) throw new Error(`Refusing the setting name ${name}`);
    configs.push(`set_config('${name}', (${expression})::text, true)`);
  }
  try {
    return await db.connection().execute(async (connection) => {
      try {
        await sql
          .raw(`start transaction ${READ_ONLY}; select ${configs.join(', ')}`)
          .execute(connection);
        const result = await read(connection);
        await sql.raw('commit').execute(connection);
        return result;
      } catch (error) {
        // Whatever failed, the connection goes back to the pool outside any transaction (a lost
        // one cannot roll back: the pool discards it). The first error is the one to report.
        await sql
          .raw('rollback')
          .execute(connection)
          .catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    throw unavailable(error, timeoutMs) ?? error;
  }
}

function unavailable(error: unknown, timeoutMs: number): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if (code === '57014') {
    return new AppError(
      'service_unavailable',
      `The article store did not answer within ${timeoutMs} ms; try a narrower query ` +
        '(fewer very common words, a date range) or retry shortly',
      { retryable: true, retryAfterMs: 1000, cause: error },
    );
  }
  const lost = message.includes('timeout exceeded when trying to connect');
  if (lost || (typeof code === 'string' && UNAVAILABLE.test(code))) {
    return new AppError('service_unavailable', 'The article store is unavailable; retry shortly', {
      retryable: true,
      retryAfterMs: 1000,
      cause: error,
    });
  }
  return undefined;
}
