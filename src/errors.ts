/**
 * The closed set of error codes the product can answer with. Domain code throws AppError with one
 * of these; the HTTP layer maps each to a status in one table (http/error-handler.ts). Codes are
 * part of the public API: add new ones, never rename.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'article_not_found'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'csrf_failed'
  | 'forbidden'
  | 'rate_limited'
  | 'too_many_attempts'
  | 'email_taken'
  | 'api_key_not_found'
  | 'api_key_limit_reached'
  | 'session_not_found'
  | 'saved_article_not_found'
  | 'history_entry_not_found'
  | 'unknown_preference'
  | 'invalid_preference'
  | 'reddit_not_linked'
  | 'reddit_reauth_required'
  | 'oauth_failed'
  | 'method_not_allowed'
  | 'service_unavailable'
  | 'upstream_unavailable'
  | 'internal_error';

export interface AppErrorOptions {
  /** Whether repeating the same call later may succeed (upstream and availability failures). */
  retryable?: boolean;
  /** Hint for when to retry, from Retry-After or a rate-limit reset. */
  retryAfterMs?: number;
  /** Extra top-level fields for the error body (e.g. per-provider outcomes on a 502). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure with a stable code and a message safe to show to the caller. */
export class AppError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

/** Narrowing helper for catch blocks. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
