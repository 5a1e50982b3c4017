import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { validateWire } from '../http/validate-wire.js';
import type { Provider, ProviderPage } from '../provider.js';
import { parseTimestamp, safeHttpUrl } from '../text.js';
import { adaptRedditListing, type RedditAdaptOptions } from './reddit.adapter.js';
import { createRedditGet, type Bearer } from './reddit.api.js';
import { PROVIDER } from './reddit.http.js';
import { createAppTokenCache, createRedditOAuth, type UserTokens } from './reddit.oauth.js';
import { listingLimit, pageSizeFor, searchParams } from './reddit.query.js';
import { createRateLimitGate } from './reddit.ratelimit.js';
import { RedditListing, RedditMe } from './reddit.wire.js';

export type { UserTokens } from './reddit.oauth.js';

export interface RedditClientOptions {
  /** e.g. https://www.reddit.com (authorize, access_token, revoke_token). */
  authBaseUrl: string;
  /** e.g. https://oauth.reddit.com (bearer API). */
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** '<platform>:<app id>:<version> (by /u/<name>)'. */
  userAgent: string;
  /** The exact registered redirect URI. */
  redirectUri: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  /** Keep over_18 posts (default false). */
  includeNsfw?: boolean;
}

export interface RedditIdentity {
  id: string;
  name: string;
  iconUrl: string | null;
  createdAt: Date | null;
}

export interface RedditClient extends Provider {
  /** The authorize URL for the code flow (response_type=code, duration, scope space-separated, exact redirect_uri). */
  authorizeUrl(input: {
    state: string;
    scopes: string[];
    duration: 'permanent' | 'temporary';
  }): string;
  /** Exchanges a single-use code (HTTP Basic on the token endpoint, form body). */
  exchangeCode(code: string, signal: AbortSignal): Promise<UserTokens>;
  /** Refreshes a user token; returns the NEW refresh token when Reddit rotates it, else keeps the old one. Revoked/invalid -> ProviderError kind 'auth' with upstreamCode 'invalid_grant'. */
  refreshUserToken(refreshToken: string, signal: AbortSignal): Promise<UserTokens>;
  revokeToken(
    token: string,
    hint: 'access_token' | 'refresh_token',
    signal: AbortSignal,
  ): Promise<void>;
  me(accessToken: string, signal: AbortSignal): Promise<RedditIdentity>;
  /** "My Reddit": hot posts of the user's subscribed subreddits (GET /hot with the user's token), as articles. */
  userHot(accessToken: string, pageSize: number, signal: AbortSignal): Promise<ProviderPage>;
}

/**
 * Reddit over OAuth 2.0: search and top with an application-only token, the code flow and the
 * user-token calls for "My Reddit". `top` reads `/r/popular/hot`, Reddit's site-wide trending
 * listing, which means the same whatever token asks (`/hot` with an app token is the logged-out
 * front page, which Reddit may change to mean something else).
 */
export function createRedditClient(options: RedditClientOptions): RedditClient {
  const { clock, log } = options;
  const includeNsfw = options.includeNsfw ?? false;
  // Parsed once so a bad base URL fails at start-up, not on every call.
  const authBaseUrl = new URL(options.authBaseUrl).toString();
  const apiBaseUrl = new URL(options.apiBaseUrl).toString();
  const oauth = createRedditOAuth({ ...options, authBaseUrl });
  const appToken = createAppTokenCache(oauth, clock);
  const get = createRedditGet({
    ...options,
    apiBaseUrl,
    gate: createRateLimitGate(clock),
    appToken,
  });

  const listing = async (
    path: string,
    params: Record<string, string>,
    bearer: Bearer,
    adapt: Omit<RedditAdaptOptions, 'now' | 'includeNsfw'>,
    pageSize: number,
    signal: AbortSignal,
  ): Promise<ProviderPage> => {
    const json = await get(path, params, bearer, signal);
    const body = validateWire(PROVIDER, RedditListing, json, 'Reddit listing');
    const { articles, dropped } = adaptRedditListing(body, {
      ...adapt,
      includeNsfw,
      now: clock.now(),
    });
    log.debug(
      { provider: PROVIDER, path, articles: articles.length, dropped },
      'Upstream page adapted',
    );
    // Reddit never says how many posts match.
    return { articles: articles.slice(0, pageSizeFor(pageSize)), totalResults: null };
  };

  return {
    id: PROVIDER,
    displayName: 'Reddit',

    async search(query, { signal }) {
      const params = searchParams(query, clock.now(), includeNsfw);
      if (params === null) return { articles: [], totalResults: 0 };
      const adapt = { skipStickied: false, from: query.from, to: query.to };
      return listing('/search', params, { kind: 'app' }, adapt, query.pageSize, signal);
    },

    async top(query, { signal }) {
      const params = { limit: String(listingLimit(query.pageSize)) };
      const adapt = { skipStickied: true };
      return listing('/r/popular/hot', params, { kind: 'app' }, adapt, query.pageSize, signal);
    },

    authorizeUrl: (input) => oauth.authorizeUrl(input),

    exchangeCode(code, signal) {
      // A callback URL copied from the browser can end in Reddit's "#_" fix fragment (§3.3).
      const clean = code.replace(/#_?$/, '');
      return oauth.grant(
        'authorization_code',
        { code: clean, redirect_uri: options.redirectUri },
        signal,
      );
    },

    async refreshUserToken(refreshToken, signal) {
      const tokens = await oauth.grant('refresh_token', { refresh_token: refreshToken }, signal);
      // Reddit may rotate refresh tokens (since 2021): keep the new one when sent, else the old.
      return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
    },

    revokeToken: (token, hint, signal) => oauth.revoke(token, hint, signal),

    async me(accessToken, signal) {
      const json = await get('/api/v1/me', {}, { kind: 'user', accessToken }, signal);
      const me = validateWire(PROVIDER, RedditMe, json, 'Reddit account');
      return {
        id: me.id,
        name: me.name,
        // icon_img can be "" or carry &amp; in its signed query string.
        iconUrl: safeHttpUrl(me.icon_img),
        createdAt: parseTimestamp(me.created_utc, clock.now()),
      };
    },

    userHot(accessToken, pageSize, signal) {
      const params = { limit: String(listingLimit(pageSize)) };
      const bearer: Bearer = { kind: 'user', accessToken };
      return listing('/hot', params, bearer, { skipStickied: true }, pageSize, signal);
    },
  };
}
