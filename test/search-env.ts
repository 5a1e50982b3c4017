/**
 * Environment for live-search tests: the in-process sandbox without its upstream quotas, and our
 * own budgets raised, so a test's many searches are limited only by what it sets itself.
 */
export const RELAXED_PROVIDER_LIMITS: Record<string, string> = {
  SANDBOX_QUOTAS: 'unlimited',
  NEWSAPI_CALLS_PER_DAY: '100000',
  GUARDIAN_CALLS_PER_SECOND: '100000',
  GUARDIAN_CALLS_PER_DAY: '100000',
  REDDIT_CALLS_PER_MINUTE: '100000',
};
