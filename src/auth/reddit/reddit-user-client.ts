import type { RedditClient } from '../../providers/reddit/reddit.client.js';
import {
  createConfiguredRedditClient,
  redditRegistration,
} from '../../providers/reddit/reddit.registration.js';
import type { ProviderBuildContext } from '../../providers/registration.js';

/**
 * The client for user-token calls (sign-in, refresh, revoke, My Reddit): live with credentials,
 * else the sandbox. Undefined when Reddit needs a sandbox and none runs (Reddit is disabled as a
 * provider), so the sign-in routes answer 503 instead of the process failing to start.
 */
export function createRedditUserClient(context: ProviderBuildContext): RedditClient | undefined {
  if (redditRegistration.needsSandbox(context.config) && context.sandbox === undefined) {
    return undefined;
  }
  return createConfiguredRedditClient(context);
}
