import type { Config } from '../../config.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import {
  sandboxUrl,
  type ProviderBuildContext,
  type ProviderRegistration,
} from '../registration.js';
import { perMinute } from '../resilience/budget-store.js';
import { createRedditClient, type RedditClient } from './reddit.client.js';

const LIVE_AUTH_BASE_URL = 'https://www.reddit.com';
const LIVE_API_BASE_URL = 'https://oauth.reddit.com';

/** The redirect URI registered for the code flow: configured, or derived from the public URL. */
export function redditRedirectUri(config: Config): string {
  if (config.REDDIT_REDIRECT_URI !== undefined) return config.REDDIT_REDIRECT_URI;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const base = config.PUBLIC_URL ?? `http://${host}:${config.PORT}`;
  return `${base.replace(/\/+$/, '')}/auth/reddit/callback`;
}

/** Reddit: live with REDDIT_CLIENT_ID/SECRET, else the sandbox (or the REDDIT_*_BASE_URLs). */
export const redditRegistration: ProviderRegistration = {
  id: 'reddit',
  displayName: 'Reddit',
  isLive: (config) => config.REDDIT_CLIENT_ID !== undefined,
  needsSandbox: (config) =>
    config.REDDIT_CLIENT_ID === undefined &&
    (config.REDDIT_AUTH_BASE_URL === undefined || config.REDDIT_API_BASE_URL === undefined),
  budget: (config) => [perMinute(config.REDDIT_CALLS_PER_MINUTE)],
  create: (context) => createConfiguredRedditClient(context),
};

/**
 * The Reddit client for this configuration (live or sandbox). The provider set wraps one in its
 * resilience guards; Reddit sign-in and "My Reddit" use another for the user-token calls.
 */
export function createConfiguredRedditClient(context: ProviderBuildContext): RedditClient {
  const { config } = context;
  const live = config.REDDIT_CLIENT_ID !== undefined;
  const authBaseUrl =
    config.REDDIT_AUTH_BASE_URL ??
    (live ? LIVE_AUTH_BASE_URL : sandboxUrl(context, 'redditAuth', 'reddit'));
  const apiBaseUrl =
    config.REDDIT_API_BASE_URL ??
    (live ? LIVE_API_BASE_URL : sandboxUrl(context, 'redditApi', 'reddit'));
  return createRedditClient({
    authBaseUrl: authBaseUrl.replace(/\/+$/, ''),
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
    clientId: config.REDDIT_CLIENT_ID ?? SANDBOX_CREDENTIALS.redditClientId,
    clientSecret: config.REDDIT_CLIENT_SECRET ?? SANDBOX_CREDENTIALS.redditClientSecret,
    userAgent: config.REDDIT_USER_AGENT,
    redirectUri: redditRedirectUri(config),
    timeoutMs: config.PROVIDER_TIMEOUT_MS,
    clock: context.clock,
    log: context.log,
  });
}
