import { AppError } from '../../errors.js';
import { isProviderError } from '../../providers/provider-error.js';
import type { RedditClient } from '../../providers/reddit/reddit.client.js';

/** Reddit refused a code or refresh token: invalid, expired, reused or revoked (never retried). */
export function isInvalidGrant(error: unknown): boolean {
  return isProviderError(error) && error.kind === 'auth' && error.upstreamCode === 'invalid_grant';
}

/** oauth.reddit.com refused the user's access token itself (401), as opposed to the request. */
export function isRejectedAccessToken(error: unknown): boolean {
  return isProviderError(error) && error.kind === 'auth' && error.status === 401;
}

/**
 * Turns a Reddit failure that is not the caller's doing into a 502 (retryable when Reddit said
 * so, with its Retry-After); AppErrors pass through. Anything else is a bug and stays a 500.
 */
export function asUpstreamFailure(error: unknown, action: string): unknown {
  if (!isProviderError(error)) return error;
  return new AppError('upstream_unavailable', `Reddit could not ${action} right now; try again`, {
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}

/** The Reddit client, or 503 when this process has none (Reddit disabled and no sandbox). */
export function requireClient(client: RedditClient | undefined): RedditClient {
  if (client === undefined) {
    throw new AppError(
      'service_unavailable',
      'Reddit is not available on this server (it is disabled and no sandbox runs)',
    );
  }
  return client;
}

/** Calls to Reddit are bounded by the client's own timeout; nothing else cancels them. */
export function noCancel(): AbortSignal {
  return new AbortController().signal;
}
