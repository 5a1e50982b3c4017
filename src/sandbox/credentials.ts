/**
 * Credentials the sandbox accepts and the clients use in sandbox mode. They are not secrets: the
 * sandbox only listens on loopback and holds generated data. Anything else gets the upstream's
 * real "bad credentials" answer.
 */
export const SANDBOX_CREDENTIALS = {
  newsapiKey: 'sandbox-newsapi-key',
  guardianKey: 'sandbox-guardian-key',
  redditClientId: 'sandbox-reddit-client',
  redditClientSecret: 'sandbox-reddit-secret',
} as const;

/** Path prefixes under which one sandbox server emulates each upstream host. */
export const SANDBOX_PREFIXES = {
  newsapi: '/newsapi', // stands in for https://newsapi.org
  guardian: '/guardian', // https://content.guardianapis.com
  redditAuth: '/reddit/www', // https://www.reddit.com (authorize, access_token, revoke_token)
  redditApi: '/reddit/oauth', // https://oauth.reddit.com (bearer API)
} as const;
