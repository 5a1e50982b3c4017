import type { UpstreamResponse } from '../http/request-upstream.js';
import { ProviderError, parseRetryAfter } from '../provider-error.js';
import { PROVIDER, bearerErrorCode } from './reddit.http.js';

/**
 * Maps an oauth.reddit.com answer to a ProviderError, or undefined for a 2xx (§3.11). Bodies vary
 * (JSON of several shapes, HTML "page not found", Cloudflare pages), so the status and the
 * WWW-Authenticate header decide and the body only adds a `reason` or a message.
 *
 * Redirects (never followed) mean the path names nothing we can read: a missing subreddit is sent
 * to search and `/r/random` elsewhere, which is `not_found`; a redirect to the login page means
 * the token may not do this at all, which is `bad_request` (our call was wrong, retrying won't help).
 */
export function apiFailure(
  response: UpstreamResponse,
  bearer: 'app' | 'user',
  now: Date,
  resetInMs: number | undefined,
): ProviderError | undefined {
  const { status, headers } = response;
  if (status >= 200 && status < 300) return undefined;
  const { reason, message } = errorFields(response.json);
  const fail = (kind: ProviderError['kind'], text: string, upstreamCode?: string) =>
    new ProviderError(PROVIDER, kind, `${text}${message === undefined ? '' : `: ${message}`}`, {
      status,
      upstreamCode,
      retryAfterMs:
        kind === 'rate_limited'
          ? (parseRetryAfter(headers.get('retry-after'), now) ?? resetInMs)
          : undefined,
    });
  const challenge = bearerErrorCode(headers);

  if (status === 401) {
    const whose = bearer === 'app' ? 'a freshly issued app token' : "the user's access token";
    return fail('auth', `Reddit rejected ${whose}`, challenge ?? 'invalid_token');
  }
  if (status === 403) {
    if (challenge === 'insufficient_scope') {
      return fail('auth', 'The token lacks the scope this call needs', challenge);
    }
    // private / quarantined / banned subreddit: that listing isn't readable for us.
    if (reason !== undefined) return fail('not_found', 'Reddit refused the listing', reason);
    // Without a reason it is Reddit blocking the client itself (e.g. its User-Agent).
    return fail('auth', 'Reddit refused the request', 'forbidden');
  }
  if (status === 404) return fail('not_found', 'Reddit has no such listing', reason);
  if (status === 429) return fail('rate_limited', 'Reddit throttled the request', '429');
  if (status >= 300 && status < 400) {
    const location = headers.get('location') ?? '';
    return /\/login\b/.test(location)
      ? fail(
          'bad_request',
          'Reddit redirected to login: this token cannot make that call',
          'redirect',
        )
      : fail('not_found', 'Reddit redirected away from the listing', 'redirect');
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return fail('bad_request', `Reddit rejected the request (${status})`, reason);
  }
  // 408, 5xx and Cloudflare's 520/522, usually with an HTML page.
  return fail('unavailable', `Reddit answered ${status}`);
}

const MAX_MESSAGE = 200;

function errorFields(json: unknown): { reason?: string; message?: string } {
  if (typeof json !== 'object' || json === null) return {};
  const { reason, message } = json as Record<string, unknown>;
  return {
    ...(typeof reason === 'string' ? { reason: reason.slice(0, 64) } : {}),
    ...(typeof message === 'string' ? { message: message.slice(0, MAX_MESSAGE) } : {}),
  };
}
