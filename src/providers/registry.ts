import { guardianRegistration } from './guardian/guardian.registration.js';
import { newsApiRegistration } from './newsapi/newsapi.registration.js';
import type { ProviderRegistration } from './registration.js';
import { redditRegistration } from './reddit/reddit.registration.js';

/** Every provider the product knows. Adding one: a new folder, and one line here. */
export const providerRegistrations: readonly ProviderRegistration[] = [
  newsApiRegistration,
  guardianRegistration,
  redditRegistration,
];
