import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Provider } from '../providers/provider.js';
import { fanOut } from './fan-out.js';

/**
 * What the fan-out tells onPage about who is still running (the search makes room in the heap
 * while a slower provider is awaited, never after the last page). Providers here are stand-ins
 * answering after fixed delays; the real clients against the sandbox are in search.int.test.ts.
 */
function provider(id: string, delayMs: number, fails = false): Provider {
  return {
    id,
    displayName: id,
    async search() {
      await sleep(delayMs);
      if (fails) throw new Error(`${id} failed`);
      return { articles: [], totalResults: 0 };
    },
    top: () => Promise.reject(new Error('not used')),
  };
}

async function waitingForByProvider(
  providers: Provider[],
  requested: string[],
): Promise<[string, number][]> {
  const seen: [string, number][] = [];
  await fanOut({
    requested,
    providers: new Map(providers.map((p) => [p.id, p])),
    query: { q: 'energy', pageSize: 10 },
    deadlineMs: 5000,
    clock: { now: () => new Date() },
    onPage: (id, _drafts, waitingFor) => seen.push([id, waitingFor]),
  });
  return seen;
}

describe('fanOut onPage', () => {
  it('counts the providers still running as each page arrives', async () => {
    const seen = await waitingForByProvider(
      [provider('fast', 5), provider('middle', 40), provider('slow', 80)],
      ['slow', 'fast', 'middle'],
    );
    assert.deepEqual(seen, [
      ['fast', 2],
      ['middle', 1],
      ['slow', 0],
    ]);
  });

  it('does not wait for a provider that failed or is not enabled', async () => {
    const seen = await waitingForByProvider(
      [provider('broken', 5, true), provider('fast', 40), provider('slow', 80)],
      ['broken', 'fast', 'slow', 'disabled'],
    );
    assert.deepEqual(seen, [
      ['fast', 1],
      ['slow', 0],
    ]);
  });
});
