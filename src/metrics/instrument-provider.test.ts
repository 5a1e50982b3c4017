import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Provider, ProviderPage } from '../providers/provider.js';
import { ProviderError } from '../providers/provider-error.js';
import { instrumentProvider } from './instrument-provider.js';
import { createMetrics } from './metrics.js';

/** An upstream stand-in that answers each call from a script: a page, or an error. */
function scriptedProvider(script: (ProviderPage | Error)[]): Provider {
  const next = async () => {
    const step = script.shift();
    if (step === undefined || step instanceof Error) throw step ?? new Error('script ran out');
    return step;
  };
  return { id: 'guardian', displayName: 'The Guardian', search: next, top: next };
}

async function countOf(metrics: ReturnType<typeof createMetrics>, outcome: string) {
  const value = await metrics.upstreamDuration.get();
  return value.values.find(
    (v) =>
      v.metricName === 'newsroom_upstream_call_duration_seconds_count' &&
      v.labels.outcome === outcome,
  )?.value;
}

describe('instrumentProvider', () => {
  it('observes each call with its outcome: ok, the provider error kind, or error', async () => {
    const metrics = createMetrics();
    const page: ProviderPage = { articles: [], totalResults: 0 };
    const provider = instrumentProvider(
      scriptedProvider([
        page,
        new ProviderError('guardian', 'timeout', 'slow'),
        new ProviderError('guardian', 'timeout', 'slow again'),
        new TypeError('bug'),
      ]),
      metrics,
    );
    const signal = new AbortController().signal;
    assert.equal(await provider.search({ q: 'x', pageSize: 10 }, { signal }), page);
    await assert.rejects(provider.top({ pageSize: 10 }, { signal }), ProviderError);
    await assert.rejects(provider.search({ q: 'x', pageSize: 10 }, { signal }));
    await assert.rejects(provider.search({ q: 'x', pageSize: 10 }, { signal }), TypeError);
    assert.equal(await countOf(metrics, 'ok'), 1);
    assert.equal(await countOf(metrics, 'timeout'), 2);
    assert.equal(await countOf(metrics, 'error'), 1);
    assert.equal(provider.id, 'guardian');
  });
});
