import { performance } from 'node:perf_hooks';
import type { Provider } from '../providers/provider.js';
import { isProviderError } from '../providers/provider-error.js';
import type { Metrics } from './metrics.js';

/**
 * The provider with each call timed into newsroom_upstream_call_duration_seconds. It wraps the
 * raw client, inside budget, breaker and retries, so every real upstream attempt is one
 * observation and calls refused before reaching the network are not.
 */
export function instrumentProvider(provider: Provider, metrics: Pick<Metrics, 'upstreamDuration'>) {
  async function timed<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await call();
    } catch (error) {
      outcome = isProviderError(error) ? error.kind : 'error';
      throw error;
    } finally {
      metrics.upstreamDuration.observe(
        { provider: provider.id, outcome },
        (performance.now() - started) / 1000,
      );
    }
  }
  const instrumented: Provider = {
    id: provider.id,
    displayName: provider.displayName,
    search: (query, context) => timed(() => provider.search(query, context)),
    top: (query, context) => timed(() => provider.top(query, context)),
  };
  return instrumented;
}
