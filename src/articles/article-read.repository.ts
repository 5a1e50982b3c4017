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
