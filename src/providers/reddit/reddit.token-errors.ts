import type { UpstreamResponse } from '../http/request-upstream.js';
import { ProviderError, parseRetryAfter } from '../provider-error.js';
import { PROVIDER } from './reddit.http.js';
import { redditErrorBody } from './reddit.wire.js';

/** The grants this client uses at the token endpoint. */
export type Grant = 'client_credentials' | 'authorization_code' | 'refresh_token';

/** A call to the token or the revoke endpoint (they share error shapes). */
export type TokenCall = Grant | 'revoke';

/**
 * The failure a token endpoint answer carries, or undefined when it is a success. Reddit reports
 * token errors three ways (§3.4): OAuth style `{"error":"invalid_grant"}` (even with HTTP 200),
 * generic `{"message":"Bad Request","error":400}`, and bare statuses with HTML. So the `error`
 * field is looked at before the status, and a numeric `error` counts as the status.
 */
export function tokenFailure(
  call: TokenCall,
  response: UpstreamResponse,
  now: Date,
): ProviderError | undefined {
  const body = redditErrorBody(response.json);
  const ok = response.status >= 200 && response.status < 300;
  if (body === undefined && ok) return undefined;
  const code = typeof body?.error === 'number' ? body.error : response.status;
  const status = response.status;
  if (code === 429 || status === 429) {
    return new ProviderError(PROVIDER, 'rate_limited', 'Reddit throttled the token request', {
      status,
      upstreamCode: '429',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
    });
  }
  if (typeof body?.error === 'string') {
    return oauthError(body.error, body.error_description, status);
  }
  return statusError(call, code, status);
}

const userGrant = (call: TokenCall) => call === 'authorization_code' || call === 'refresh_token';

function oauthError(error: string, description: string | undefined, status: number): ProviderError {
  // Descriptions are Reddit's own short texts; capped so a hostile body can't flood our logs.
  const detail = description === undefined ? '' : ` (${description.slice(0, 200)})`;
  const options = { status, upstreamCode: error.slice(0, 64) };
  switch (error) {
    case 'invalid_grant':
      return new ProviderError(
        PROVIDER,
        'auth',
        'Reddit rejected the grant: the code or refresh token is invalid, expired, reused or revoked',
        options,
      );
    case 'unsupported_grant_type':
    case 'invalid_request':
      return new ProviderError(
        PROVIDER,
        'bad_request',
        `Reddit rejected the token request${detail}`,
        options,
      );
    default:
      // unauthorized_client, invalid_client, invalid_scope, ...: the app's configuration.
      return new ProviderError(
        PROVIDER,
        'auth',
        `Reddit refused the token request${detail}`,
        options,
      );
  }
}

function statusError(call: TokenCall, code: number, status: number): ProviderError {
  if (code === 401 || code === 403) {
    return new ProviderError(PROVIDER, 'auth', 'Reddit rejected the client id or secret', {
      status,
      upstreamCode: code === 401 ? 'invalid_client' : 'forbidden',
    });
  }
  if (code === 400 && userGrant(call)) {
    // Recent recordings answer a bad, reused or revoked code or refresh token with a bare 400.
    return new ProviderError(
      PROVIDER,
      'auth',
      'Reddit rejected the grant: the code or refresh token is invalid, expired, reused or revoked',
      { status, upstreamCode: 'invalid_grant' },
    );
  }
  if (code >= 400 && code < 500) {
    return new ProviderError(
      PROVIDER,
      'bad_request',
      `Reddit rejected the token request (${code})`,
      {
        status,
        upstreamCode: String(code),
      },
    );
  }
  return new ProviderError(PROVIDER, 'unavailable', `Reddit token endpoint answered ${code}`, {
    status,
    upstreamCode: String(code),
  });
}
