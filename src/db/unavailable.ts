/**
 * Whether an error means PostgreSQL cannot be reached right now (refused or dropped connections,
 * a server shutting down or starting, no free connection slot, the pool's connect timeout), as
 * opposed to a bug or a bad statement: the HTTP layer answers the first kind with a retryable 503.
 */
const UNAVAILABLE_CODES = /^(53300|57P0[1-3]|08...|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) {
    return true;
  }
  return isDatabaseUnavailable(cause, depth + 1);
}
