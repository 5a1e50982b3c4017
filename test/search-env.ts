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

/**
 * Upstream attempts made so far per provider (retries included), from the process's
 * newsroom_upstream_call_duration_seconds histogram: a count that only grows. The budget's
 * "used" figure would not do: Reddit's window is a minute, and a test that straddles its turn
 * sees the count fall (CI once saw 4 before, 1 after).
 */
export async function upstreamCalls(t: TestApp): Promise<Record<string, number>> {
  const calls: Record<string, number> = Object.fromEntries(
    t.deps.services.providers.enabled.map((p) => [p.id, 0]),
  );
  const { name, values } = await t.deps.metrics.upstreamDuration.get();
  for (const sample of values) {
    if (sample.metricName !== `${name}_count`) continue;
    const provider = String(sample.labels.provider);
    calls[provider] = (calls[provider] ?? 0) + sample.value;
  }
  return calls;
}
