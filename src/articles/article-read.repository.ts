import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';

// PostgreSQL error classes that mean "not now" rather than "wrong": cancelled by the statement
// timeout (57014), too many connections (53300), the server shutting down or starting (57P0x),
// lost connections (class 08) and refused or dropped sockets.
const UNAVAILABLE = /^(53300|57P0[1-3]|08...|ECONNREFUSED|ECONNRESET|ETIMEDOUT)$/;

// Setting names and values are written into the statement text (the simple-query protocol that
// carries two statements in one round trip takes no parameters), so only these shapes pass.
const SETTING_NAME = /^[a-z_]+$/;
const SETTING_VALUE = /^[a-z0-9]+$/;
const CUSTOM_SETTING = /^newsroom\.[a-z_]+$/;

export interface ReadOptions {
  /** More SET LOCAL settings, e.g. a store search's pinned plan. */
  settings?: Readonly<Record<string, string>>;
  /**
   * Values of SQL expressions (constant text from the code, never input) kept as custom settings
   * of the transaction, read back with current_setting(name). They are planned with the first
   * statement, before its settings apply: a store search pins plans that cannot use a b-tree,
   * yet reads max(id) from one here.
   */
  remember?: Readonly<Record<string, string>>;
}

/**
 * Runs a read in its own read-only, repeatable-read transaction (one snapshot for all its
 * statements) that opens with its settings in the same round trip: BEGIN and one SELECT of
 * set_config(..., true), sent as one simple query. The settings are the statement timeout, JIT
 * off (it costs 40-50 ms of compilation on broad queries and never pays back on these short
 * ones), and `options.settings`. A cancelled statement or an unreachable database becomes a
 * retryable 503 service_unavailable, never a hang or a 500; whatever fails, the connection goes
 * back to the pool outside any transaction.
 */
export async function readOnly<T>(
  db: Db,
  timeoutMs: number,
  read: (connection: Db) => Promise<T>,
  options: ReadOptions = {},
): Promise<T> {
  const configs = setConfigs({
    statement_timeout: String(Math.max(1, Math.round(timeoutMs))),
    jit: 'off',
    ...options.settings,
  });
  for (const [name, expression] of Object.entries(options.remember ?? {})) {
    if (!CUSTOM_SETTING.test(name)) throw new Error(`Refusing the setting name ${name}`);
    configs.push(`set_config('${name}', (${expression})::text, true)`);
  }
  const begin = `start transaction isolation level repeatable read read only; select ${configs.join(', ')}`;
  try {
    return await db.connection().execute(async (connection) => {
      try {
        await sql.raw(begin).execute(connection);
        const result = await read(connection);
        await sql.raw('commit').execute(connection);
        return result;
      } catch (error) {
        // A lost connection cannot roll back (the pool discards it); the first error is the one
        // to report.
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

/** SET LOCAL, inside readOnly's transaction, settings decided after it began. */
export async function setLocal(trx: Db, settings: Readonly<Record<string, string>>): Promise<void> {
  await sql.raw(`select ${setConfigs(settings).join(', ')}`).execute(trx);
}

function setConfigs(settings: Readonly<Record<string, string>>): string[] {
  return Object.entries(settings).map(([name, value]) => {
    if (!SETTING_NAME.test(name) || !SETTING_VALUE.test(value)) {
      throw new Error(`Refusing the setting ${JSON.stringify(name)} = ${JSON.stringify(value)}`);
    }
    return `set_config('${name}', '${value}', true)`;
  });
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
