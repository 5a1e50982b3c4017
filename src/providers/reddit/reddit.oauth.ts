import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { requestUpstream } from '../http/request-upstream.js';
import { validateWire } from '../http/validate-wire.js';
import { ProviderError, isProviderError } from '../provider-error.js';
import { PROVIDER, basicAuth, formBody, redditUrl, withCallerSignal } from './reddit.http.js';
import { tokenFailure, type Grant, type TokenCall } from './reddit.token-errors.js';
import { RedditTokenResponse } from './reddit.wire.js';

/** Tokens from a grant. `expiresAt` counts Reddit's `expires_in` from before the request. */
export interface UserTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
}

export interface OAuthConfig {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  redirectUri: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

export interface AuthorizeInput {
  state: string;
  scopes: string[];
  duration: 'permanent' | 'temporary';
}

/** www.reddit.com's OAuth endpoints: authorize URL, access_token grants and revoke_token. */
export interface RedditOAuth {
  authorizeUrl(input: AuthorizeInput): string;
  grant(grant: Grant, fields: Record<string, string>, signal: AbortSignal): Promise<UserTokens>;
  revoke(token: string, hint: 'access_token' | 'refresh_token', signal: AbortSignal): Promise<void>;
}

/** Builds the OAuth endpoint calls over one configuration. */
export function createRedditOAuth(config: OAuthConfig): RedditOAuth {
  const post = async (
    call: TokenCall,
    path: string,
    fields: Record<string, string>,
    signal: AbortSignal,
  ) => {
    const started = config.clock.now();
    try {
      const response = await requestUpstream(PROVIDER, redditUrl(config.authBaseUrl, path), {
        method: 'POST',
        headers: {
          authorization: basicAuth(config.clientId, config.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': config.userAgent,
          accept: 'application/json',
        },
        body: formBody(fields),
        signal,
        timeoutMs: config.timeoutMs,
      });
      const failure = tokenFailure(call, response, config.clock.now());
      if (failure !== undefined) throw failure;
      return { response, started };
    } catch (error) {
      if (isProviderError(error)) {
        // Callers (the resilience wrapper, the sign-in flow) log failures at warn; this adds what
        // only the client knows. Only these fields: no secret, code or token reaches the line.
        config.log.debug(
          {
            provider: PROVIDER,
            endpoint: path,
            call,
            kind: error.kind,
            status: error.status,
            upstreamCode: error.upstreamCode,
            durationMs: config.clock.now().getTime() - started.getTime(),
          },
          'Reddit token request failed',
        );
      }
      throw error;
    }
  };

  return {
    authorizeUrl(input) {
      // Reddit echoes state back; it must be printable ASCII (§3.3).
      if (!/^[\x20-\x7E]+$/.test(input.state)) {
        throw new ProviderError(PROVIDER, 'bad_request', 'OAuth state must be printable ASCII');
      }
      const params: Array<[string, string]> = [
        ['client_id', config.clientId],
        ['response_type', 'code'],
        ['state', input.state],
        ['redirect_uri', config.redirectUri],
        ['duration', input.duration],
        ['scope', input.scopes.join(' ')],
      ];
      // %20 rather than URLSearchParams' '+': the notes show Reddit's own examples that way.
      const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      return `${config.authBaseUrl.replace(/\/+$/, '')}/api/v1/authorize?${query}`;
    },

    async grant(grant, fields, signal) {
      const { response, started } = await post(
        grant,
        '/api/v1/access_token',
        { grant_type: grant, ...fields },
        signal,
      );
      const body = validateWire(PROVIDER, RedditTokenResponse, response.json, 'token response');
      return {
        accessToken: body.access_token,
        refreshToken: body.refresh_token ?? null,
        expiresAt: new Date(started.getTime() + body.expires_in * 1000),
        // Space-separated in any order (§3.4); commas tolerated from older answers.
        scopes: (body.scope ?? '').split(/[\s,]+/).filter((scope) => scope !== ''),
      };
    },

    async revoke(token, hint, signal) {
      // 200 (or 204) with an empty body, also for unknown tokens (§3.6).
      await post('revoke', '/api/v1/revoke_token', { token, token_type_hint: hint }, signal);
    },
  };
}

export interface AppTokenCache {
  /** A valid application-only bearer token, fetched once and shared by concurrent callers. */
  get(signal: AbortSignal): Promise<string>;
  /** Forgets `token` after the API rejected it (a newer token is kept). */
  invalidate(token: string): void;
}

// Refresh this long before expiry (§3.4), but never more than half the lifetime, so short-lived
// tokens (the sandbox's tests) are still reused.
const REFRESH_EARLY_MS = 60_000;

/** Caches the client_credentials token in memory until shortly before Reddit says it expires. */
export function createAppTokenCache(oauth: RedditOAuth, clock: Clock): AppTokenCache {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const started = clock.now().getTime();
    // Not tied to any one caller's signal: callers share this request (timeoutMs still applies).
    const tokens = await oauth.grant('client_credentials', {}, new AbortController().signal);
    const lifetime = tokens.expiresAt.getTime() - started;
    cached = {
      token: tokens.accessToken,
      refreshAt: tokens.expiresAt.getTime() - Math.min(REFRESH_EARLY_MS, lifetime / 2),
    };
    return tokens.accessToken;
  };

  return {
    get(signal) {
      if (cached !== undefined && clock.now().getTime() < cached.refreshAt) {
        return Promise.resolve(cached.token);
      }
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return withCallerSignal(inFlight, signal);
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
