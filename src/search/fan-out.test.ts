import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { Provider, ProviderPage } from '../providers/provider.js';
import { systemClock } from '../clock.js';
import { fanOut } from './fan-out.js';

/** A provider that answers an empty page after `delayMs`, keeping the signal it was given. */
function provider(id: string, delayMs: number) {
  const seen: { signal?: AbortSignal } = {};
  const answer = async (signal: AbortSignal): Promise<ProviderPage> => {
    seen.signal = signal;
    await sleep(delayMs, undefined, { signal });
    return { articles: [], totalResults: 0 };
  };
  const p: Provider = {
    id,
    displayName: id,
    search: (_query, { signal }) => answer(signal),
    top: (_query, { signal }) => answer(signal),
  };
  return { provider: p, seen };
}

const run = (providers: Provider[], deadlineMs: number) =>
  fanOut({
    requested: providers.map((p) => p.id),
    providers: new Map(providers.map((p) => [p.id, p])),
    query: { q: 'climate', pageSize: 10 },
    deadlineMs,
    clock: systemClock,
  });

describe('fanOut', () => {
  it('aborts the call of a provider that misses the deadline and reports it as a timeout', async () => {
    const fast = provider('fast', 5);
    const slow = provider('slow', 5_000);
    const { outcomes } = await run([fast.provider, slow.provider], 100);
    assert.deepEqual(
      outcomes.map((o) => [o.provider, o.status]),
      [
        ['fast', 'ok'],
        ['slow', 'timeout'],
      ],
    );
    assert.equal(slow.seen.signal?.aborted, true);
  });

  it('leaves the signal alone when every provider has answered (nothing is left to stop)', async () => {
    const a = provider('a', 5);
    const b = provider('b', 20);
    const { outcomes } = await run([a.provider, b.provider], 1_000);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['ok', 'ok'],
    );
    assert.equal(a.seen.signal?.aborted, false);
  });
});
