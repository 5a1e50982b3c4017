import type { TestApp } from './app.js';

/**
 * Environment for live-search tests: the in-process sandbox without its upstream quotas, our own
 * budgets raised, and the anonymous search rate limit (per IP, per hour) lifted, since these
 * tests search dozens of times from one address; it is counted in Redis when the test uses
 * Redis, across runs within the hour, hence far above any one run. A test's many searches are
 * limited only by what it sets itself.
 */
export const RELAXED_PROVIDER_LIMITS: Record<string, string> = {
  SANDBOX_QUOTAS: 'unlimited',
  NEWSAPI_CALLS_PER_DAY: '100000',
  GUARDIAN_CALLS_PER_SECOND: '100000',
  GUARDIAN_CALLS_PER_DAY: '100000',
  REDDIT_CALLS_PER_MINUTE: '100000',
  ANONYMOUS_SEARCH_HOURLY_LIMIT: '1000000',
  // Far above the sandbox's answer times: a loaded CI machine must not turn them into timeouts.
  // Tests about timeouts set their own deadline.
  SEARCH_DEADLINE_MS: '10000',
  PROVIDER_TIMEOUT_MS: '10000',
};

/** Upstream calls made so far per provider: every attempt spends one unit of its budget. */
export async function upstreamCalls(t: TestApp): Promise<Record<string, number>> {
  const statuses = await t.deps.services.providers.statuses();
  return Object.fromEntries(statuses.map((s) => [s.id, s.budget.at(-1)?.used ?? 0]));
}
