import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { sandboxUrl, type ProviderRegistration } from '../registration.js';
import { perDay, perSecond } from '../resilience/budget-store.js';
import { createGuardianClient } from './guardian.client.js';

const LIVE_BASE_URL = 'https://content.guardianapis.com';

/** The Guardian: live with GUARDIAN_API_KEY, else the sandbox (or GUARDIAN_BASE_URL). */
export const guardianRegistration: ProviderRegistration = {
  id: 'guardian',
  displayName: 'The Guardian',
  isLive: (config) => config.GUARDIAN_API_KEY !== undefined,
  needsSandbox: (config) =>
    config.GUARDIAN_API_KEY === undefined && config.GUARDIAN_BASE_URL === undefined,
  budget: (config) => [
    perSecond(config.GUARDIAN_CALLS_PER_SECOND),
    perDay(config.GUARDIAN_CALLS_PER_DAY),
  ],
  create(context) {
    const { config } = context;
    const live = config.GUARDIAN_API_KEY !== undefined;
    const baseUrl =
      config.GUARDIAN_BASE_URL ??
      (live ? LIVE_BASE_URL : sandboxUrl(context, 'guardian', 'guardian'));
    return createGuardianClient({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      apiKey: config.GUARDIAN_API_KEY ?? SANDBOX_CREDENTIALS.guardianKey,
      timeoutMs: config.PROVIDER_TIMEOUT_MS,
      clock: context.clock,
      log: context.log,
    });
  },
};
