import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { sandboxUrl, type ProviderRegistration } from '../registration.js';
import { perDay } from '../resilience/budget-store.js';
import { createNewsApiClient } from './newsapi.client.js';

const LIVE_BASE_URL = 'https://newsapi.org';

/** NewsAPI: live with NEWSAPI_KEY, else the sandbox (or NEWSAPI_BASE_URL with the sandbox key). */
export const newsApiRegistration: ProviderRegistration = {
  id: 'newsapi',
  displayName: 'NewsAPI',
  isLive: (config) => config.NEWSAPI_KEY !== undefined,
  needsSandbox: (config) =>
    config.NEWSAPI_KEY === undefined && config.NEWSAPI_BASE_URL === undefined,
  budget: (config) => [perDay(config.NEWSAPI_CALLS_PER_DAY)],
  create(context) {
    const { config } = context;
    const live = config.NEWSAPI_KEY !== undefined;
    const baseUrl =
      config.NEWSAPI_BASE_URL ?? (live ? LIVE_BASE_URL : sandboxUrl(context, 'newsapi', 'newsapi'));
    return createNewsApiClient({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      apiKey: config.NEWSAPI_KEY ?? SANDBOX_CREDENTIALS.newsapiKey,
      timeoutMs: config.PROVIDER_TIMEOUT_MS,
      clock: context.clock,
      log: context.log,
    });
  },
};
