import { ProviderError, type ProviderErrorKind } from '../provider-error.js';
import type { UpstreamResponse } from '../http/request-upstream.js';
import { validateWire } from '../http/validate-wire.js';
import { NEWSAPI } from './newsapi.adapter.js';
import { NewsApiErrorWire } from './newsapi.wire.js';

/**
 * NewsAPI's error table (upstream-apis.md §1.6): the body's `code` decides; the HTTP status is the
 * fallback for bodies that are not NewsAPI's (Cloudflare HTML pages, empty bodies).
 */

const HOUR_MS = 60 * 60 * 1000;
// NewsAPI sends no Retry-After; its throttle windows are hours long (100 requests a day on the
// developer plan, refilled 50 every 12 hours), so retrying in seconds only burns more calls.
const RATE_LIMIT_BACKOFF_MS = HOUR_MS;
const QUOTA_BACKOFF_MS = 12 * HOUR_MS;

const MAX_MESSAGE = 500;

const BY_CODE: Readonly<Record<string, ProviderErrorKind>> = {
  apiKeyMissing: 'auth',
  apiKeyInvalid: 'auth',
  apiKeyDisabled: 'auth',
  // Browser Origin on a developer key: only a configuration change fixes it.
  corsNotAllowed: 'auth',
  rateLimited: 'rate_limited',
  apiKeyExhausted: 'quota_exhausted',
  parametersMissing: 'bad_request',
  parameterInvalid: 'bad_request',
  sourcesTooMany: 'bad_request',
  sourceDoesNotExist: 'bad_request',
  maximumResultsReached: 'results_cap',
  unexpectedError: 'unavailable',
};

/** Maps a NewsAPI error response (any status, any body) to a ProviderError without the key. */
export function newsApiError(response: UpstreamResponse, apiKey: string): ProviderError {
  const { status } = response;
  const body = errorBody(response.json);
  const kind = (body === undefined ? undefined : BY_CODE[body.code]) ?? kindForStatus(status);
  const detail =
    body === undefined
      ? `HTTP ${status} with a ${response.json === undefined ? 'non-JSON' : 'non-NewsAPI'} body`
      : `${body.code}: ${(body.message ?? 'no message').slice(0, MAX_MESSAGE)}`;
  return new ProviderError(NEWSAPI, kind, redact(`NewsAPI ${detail}`, apiKey), {
    status,
    upstreamCode: body?.code,
    retryAfterMs: retryAfter(kind),
  });
}

/** True when a body is NewsAPI's error envelope, whatever the HTTP status said. */
export function isNewsApiErrorBody(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'status' in json && json.status === 'error';
}

function errorBody(json: unknown): NewsApiErrorWire | undefined {
  try {
    return validateWire(NEWSAPI, NewsApiErrorWire, json, 'NewsAPI error');
  } catch {
    return undefined;
  }
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 426) return 'results_cap';
  if (status === 404) return 'not_found';
  if (status >= 400 && status < 500 && status !== 408) return 'bad_request';
  // 408, 5xx, Cloudflare pages, and anything else unexpected (e.g. a redirect).
  return 'unavailable';
}

function retryAfter(kind: ProviderErrorKind): number | undefined {
  if (kind === 'rate_limited') return RATE_LIMIT_BACKOFF_MS;
  if (kind === 'quota_exhausted') return QUOTA_BACKOFF_MS;
  return undefined;
}

/** Removes the key from upstream text we repeat (a message could echo it back). */
export function redact(text: string, apiKey: string): string {
  return apiKey === '' ? text : text.split(apiKey).join('[redacted]');
}
