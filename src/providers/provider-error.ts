/**
 * Why an upstream call failed, in terms the rest of the system acts on. Clients map every
 * upstream error shape (status codes, error bodies, HTML pages) onto one of these kinds.
 */
export type ProviderErrorKind =
  | 'auth' // bad or missing credentials: an operator must fix config; never retried
  | 'rate_limited' // throttled by the upstream (429 and friends); retry after retryAfterMs
  | 'quota_exhausted' // daily/plan quota used up; retry much later
  | 'bad_request' // the upstream rejected our parameters; not retried
  | 'results_cap' // asked past the upstream's paging cap (NewsAPI 426); not retried
  | 'not_found'
  | 'unavailable' // connection refused/reset, 5xx, gateway pages; retried with back-off
  | 'timeout' // no answer within the deadline; retried if time remains
  | 'malformed_response' // body not the documented shape, not JSON, or too large
  | 'budget_exhausted' // our own call budget for this provider is spent; not called at all
  | 'circuit_open' // the breaker is open after repeated failures; not called at all
  | 'cancelled'; // the caller gave up

const RETRYABLE: ReadonlySet<ProviderErrorKind> = new Set([
  'rate_limited',
  'unavailable',
  'timeout',
]);

export interface ProviderErrorOptions {
  status?: number | undefined;
  /** The upstream's own error code when it has one ('apiKeyInvalid', 'invalid_token'). */
  upstreamCode?: string | undefined;
  retryAfterMs?: number | undefined;
  /** Overrides the default retryability of the kind. */
  retryable?: boolean | undefined;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;

  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.status = options.status;
    this.upstreamCode = options.upstreamCode;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = options.retryable ?? RETRYABLE.has(kind);
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
