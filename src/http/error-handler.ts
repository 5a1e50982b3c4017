import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, type ErrorCode } from '../errors.js';

/** The one table from error code to HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_found: 404,
  article_not_found: 404,
  unauthorized: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  rate_limited: 429,
  too_many_attempts: 429,
  email_taken: 409,
  api_key_not_found: 404,
  api_key_limit_reached: 409,
  session_not_found: 404,
  saved_article_not_found: 404,
  history_entry_not_found: 404,
  unknown_preference: 400,
  invalid_preference: 400,
  reddit_not_linked: 409,
  reddit_reauth_required: 401,
  oauth_failed: 400,
  method_not_allowed: 405,
  service_unavailable: 503,
  upstream_unavailable: 502,
  internal_error: 500,
};

// Fastify's own request errors, by their FST_ code, mapped onto our codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'bad_request',
};

// Fastify's messages for these echo the whole path, which can be megabytes long.
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is longer than this server accepts',
};

interface Problem {
  status: number;
  code: ErrorCode;
  message: string;
  retryAfterMs?: number | undefined;
  details?: Record<string, unknown> | undefined;
}

/** Turns any thrown value into the error model; 5xx details are logged, never returned. */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log.error({ err: error }, 'Request failed');
  else req.log.info({ code: problem.code, message: problem.message }, 'Request rejected');
  if (problem.retryAfterMs !== undefined) {
    void reply.header('retry-after', Math.ceil(problem.retryAfterMs / 1000));
  }
  return reply
    .code(problem.status)
    .send({ ...problem.details, ...errorBody(problem.code, problem.message, req.id) });
}

/**
 * The router's own errors (a URL that is not valid percent-encoded UTF-8, an over-long path
 * parameter), raised before any hook runs: the same error model, and the request id header.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.header('x-request-id', req.id);
  void errorHandler(error, req, reply);
}

/** The 404 for routes that do not exist. */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const message = `No route ${req.method} ${req.url.split('?')[0] ?? ''}`;
  return reply.code(404).send(errorBody('not_found', message, req.id));
}

export function errorBody(code: ErrorCode, message: string, requestId: string) {
  return { error: { code, message, requestId } };
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof AppError) {
    return {
      status: STATUS_BY_CODE[error.code],
      code: error.code,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      details: error.details,
    };
  }
  if (error.validation !== undefined) {
    return { status: 400, code: 'validation_failed', message: validationMessage(error) };
  }
  const mapped = FASTIFY_CODES[error.code];
  if (mapped !== undefined) {
    return { status: STATUS_BY_CODE[mapped], code: mapped, message: safeMessage(error, mapped) };
  }
  // secure-json-parse rejects __proto__/constructor keys with a SyntaxError.
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { status: 400, code: 'malformed_json', message: 'Request body is not valid JSON' };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: error.message };
  }
  // PostgreSQL down or restarting: the caller may retry, so a 503 rather than a 500.
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      code: 'service_unavailable',
      message: 'The database is unavailable; retry shortly',
      retryAfterMs: 1000,
    };
  }
  return { status: 500, code: 'internal_error', message: 'Internal server error' };
}

const SAFE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  malformed_json: 'Request body is not valid JSON',
  payload_too_large: 'Request body is larger than this server accepts',
  unsupported_media_type: 'Content-Type is not supported here; send application/json',
};

function safeMessage(error: FastifyError, code: ErrorCode): string {
  return FASTIFY_MESSAGES[error.code] ?? SAFE_MESSAGES[code] ?? error.message;
}

/** "querystring/limit must be <= 100", naming the field the caller got wrong. */
function validationMessage(error: FastifyError): string {
  const [first] = error.validation ?? [];
  const where = error.validationContext ?? 'request';
  if (first === undefined) return `${where} is invalid`;
  const params = first.params;
  const path = `${where}${first.instancePath}`;
  if (typeof params.additionalProperty === 'string') {
    return `${path} has an unknown field '${params.additionalProperty}'`;
  }
  if (typeof params.missingProperty === 'string') {
    return `${path}/${params.missingProperty} is required`;
  }
  // A union of literals (sort, sentiment, ...) fails once per literal: name them all.
  const allowed = (error.validation ?? [])
    .filter((e) => e.keyword === 'const' && e.instancePath === first.instancePath)
    .map((e) => JSON.stringify(e.params.allowedValue));
  if (first.keyword === 'const' && allowed.length > 0) {
    return `${path} must be one of ${allowed.join(', ')}`;
  }
  return `${path} ${first.message ?? 'is invalid'}`;
}
