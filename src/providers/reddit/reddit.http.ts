import { ProviderError } from '../provider-error.js';

/** Small pieces shared by the token endpoint and the bearer API calls. */

export const PROVIDER = 'reddit';

/**
 * An endpoint URL under a base that may carry a path prefix (the sandbox mounts Reddit under
 * /reddit/www and /reddit/oauth). `raw_json=1` goes on every call: without it Reddit entity-encodes
 * `&`, `<` and `>` in every string (§3.7).
 */
export function redditUrl(base: string, path: string, params: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...params, raw_json: '1' });
  return `${base.replace(/\/+$/, '')}${path}?${search.toString()}`;
}

/** HTTP Basic credentials for the token and revoke endpoints. */
export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
}

/** A form body (`application/x-www-form-urlencoded`), which is what the token endpoint reads. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/**
 * Waits for a shared promise on behalf of one caller: the caller's abort ends its wait with
 * `cancelled` without cancelling the shared work other callers still wait for.
 */
export function withCallerSignal<T>(shared: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelled(): ProviderError {
  return new ProviderError(PROVIDER, 'cancelled', 'The caller gave up on the request', {
    retryable: false,
  });
}

/** The `error="…"` value of a `WWW-Authenticate: Bearer …` header, if any. */
export function bearerErrorCode(headers: Headers): string | undefined {
  const value = headers.get('www-authenticate') ?? '';
  return /error="([^"]*)"/i.exec(value)?.[1];
}
