import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { requestUpstream, type UpstreamResponse } from '../http/request-upstream.js';
import { isProviderError, ProviderError } from '../provider-error.js';
import { apiFailure } from './reddit.api-errors.js';
import { PROVIDER, bearerErrorCode, redditUrl } from './reddit.http.js';
import type { AppTokenCache } from './reddit.oauth.js';
import type { RateLimitGate } from './reddit.ratelimit.js';

export interface RedditApiConfig {
  apiBaseUrl: string;
  userAgent: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  gate: RateLimitGate;
  appToken: AppTokenCache;
}

/** Whose token a call carries: the app's own (cached, renewable) or a signed-in user's. */
export type Bearer = { kind: 'app' } | { kind: 'user'; accessToken: string };

/** GET on oauth.reddit.com returning the JSON body; every failure is a ProviderError. */
export type RedditGet = (
  path: string,
  params: Record<string, string>,
  bearer: Bearer,
  signal: AbortSignal,
) => Promise<unknown>;

/**
 * Bearer GETs against the API host: the rate-limit gate before each request and its headers read
 * after each answer, and on a 401 with the app token one renewal and one retry (prawcore's rule,
 * §3.5). A user's token is not renewed here: the caller holds its refresh token.
 */
export function createRedditGet(config: RedditApiConfig): RedditGet {
  const { clock, log, gate, appToken } = config;

  const send = async (url: string, token: string, signal: AbortSignal) => {
    gate.acquire();
    const response = await requestUpstream(PROVIDER, url, {
      headers: {
        authorization: `bearer ${token}`,
        'user-agent': config.userAgent,
        accept: 'application/json',
      },
      signal,
      timeoutMs: config.timeoutMs,
    });
    gate.record(response.headers);
    return response;
  };

  return async (path, params, bearer, signal) => {
    const url = redditUrl(config.apiBaseUrl, path, params);
    const started = clock.now().getTime();
    try {
      const token = bearer.kind === 'app' ? await appToken.get(signal) : bearer.accessToken;
      let response = await send(url, token, signal);
      if (response.status === 401 && bearer.kind === 'app') {
        log.info(
          { provider: PROVIDER, path, upstreamCode: bearerErrorCode(response.headers) },
          'Reddit rejected the app token; renewing it once',
        );
        appToken.invalidate(token);
        response = await send(url, await appToken.get(signal), signal);
      }
      return json(response, bearer);
    } catch (error) {
      if (isProviderError(error)) {
        // The resilience wrapper logs failures at warn; this adds what only the client knows.
        log.debug(
          {
            provider: PROVIDER,
            path,
            kind: error.kind,
            status: error.status,
            upstreamCode: error.upstreamCode,
            durationMs: clock.now().getTime() - started,
          },
          'Upstream call failed',
        );
      }
      throw error;
    }
  };

  function json(response: UpstreamResponse, bearer: Bearer): unknown {
    const failure = apiFailure(response, bearer.kind, clock.now(), gate.snapshot()?.resetInMs);
    if (failure !== undefined) {
      // After a 429 nothing goes to Reddit until Retry-After has passed.
      if (failure.kind === 'rate_limited' && failure.retryAfterMs !== undefined) {
        gate.block(failure.retryAfterMs);
      }
      throw failure;
    }
    if (response.json === undefined) {
      // A 200 HTML page: a CDN or block page standing in for the API.
      throw new ProviderError(PROVIDER, 'malformed_response', 'Reddit answered 200 without JSON', {
        status: response.status,
      });
    }
    return response.json;
  }
}
