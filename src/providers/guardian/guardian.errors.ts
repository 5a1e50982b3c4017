import { parseRetryAfter, ProviderError, type ProviderErrorKind } from '../provider-error.js';
import type { UpstreamResponse } from '../http/request-upstream.js';
import { validateWire } from '../http/validate-wire.js';
import { GUARDIAN } from './guardian.adapter.js';
import { GuardianApiErrorWire, GuardianGatewayErrorWire } from './guardian.wire.js';

/**
 * The Guardian's two error shapes (upstream-apis.md §2.6): the Content API's own envelope
 * `{response:{status:"error",message}}`, and the Kong gateway's flat `{message}` for bad keys and
 * throttling, which arrives before the API runs. The HTTP status decides the kind; the body only
 * supplies the message.
 */

const MAX_MESSAGE = 500;
const BEYOND_LAST_PAGE = 'requested page is beyond the number of available pages';

/** True for the 400 that means "no such page": clients treat it as the end of results. */
export function isBeyondLastPage(response: UpstreamResponse): boolean {
  return response.status === 400 && apiErrorMessage(response.json) === BEYOND_LAST_PAGE;
}

/** True when a body is the Content API's error envelope, whatever the HTTP status said. */
export function isGuardianErrorBody(json: unknown): boolean {
  return apiErrorMessage(json) !== undefined;
}

/** Maps a failed Guardian response (either shape, or none) to a ProviderError without the key. */
export function guardianError(
  response: UpstreamResponse,
  apiKey: string,
  now: Date,
): ProviderError {
  const { status, headers } = response;
  const message = apiErrorMessage(response.json) ?? gatewayMessage(response.json);
  const detail =
    message === undefined
      ? `HTTP ${status} with a ${response.json === undefined ? 'non-JSON' : 'non-Guardian'} body`
      : `HTTP ${status}: ${message.slice(0, MAX_MESSAGE)}`;
  let kind = kindForStatus(status, message !== undefined);
  let retryAfterMs: number | undefined;
  if (kind === 'rate_limited') {
    // Kong's per-day counter at zero means the day's quota is gone, not a per-second throttle.
    if (headers.get('x-ratelimit-remaining-day') === '0') kind = 'quota_exhausted';
    retryAfterMs =
      parseRetryAfter(headers.get('retry-after'), now) ??
      (kind === 'quota_exhausted' ? untilNextUtcDay(now) : untilNextSecond(now));
  }
  return new ProviderError(GUARDIAN, kind, redact(`Guardian ${detail}`, apiKey), {
    status,
    retryAfterMs,
  });
}

function kindForStatus(status: number, hasMessage: boolean): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status === 404 || status === 410) return 'not_found';
  // An error envelope on a 2xx is still the API rejecting our request.
  if (status < 300 && hasMessage) return 'bad_request';
  if (status >= 400 && status < 500 && status !== 408) return 'bad_request';
  // 408, 503, 504, 509 (what the Guardian's own client retries), other 5xx, HTML pages, redirects.
  return 'unavailable';
}

function apiErrorMessage(json: unknown): string | undefined {
  try {
    return validateWire(GUARDIAN, GuardianApiErrorWire, json, 'Guardian error').response.message;
  } catch {
    return undefined;
  }
}

function gatewayMessage(json: unknown): string | undefined {
  try {
    return validateWire(GUARDIAN, GuardianGatewayErrorWire, json, 'Guardian gateway error').message;
  } catch {
    return undefined;
  }
}

function untilNextSecond(now: Date): number {
  return 1_000 - (now.getTime() % 1_000);
}

function untilNextUtcDay(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return midnight - now.getTime();
}

/** Removes the key from text we repeat: the Guardian takes it in the URL, so anything may echo it. */
export function redact(text: string, apiKey: string): string {
  return apiKey === '' ? text : text.split(apiKey).join('[redacted]');
}
