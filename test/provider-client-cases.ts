import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { pino, type Logger } from 'pino';
import type { Clock } from '../src/clock.js';
import type { Provider, SearchQuery } from '../src/providers/provider.js';
import { ProviderError, type ProviderErrorKind } from '../src/providers/provider-error.js';
import type { Faults, Sandbox } from '../src/sandbox/sandbox.js';
import {
  dropMidBody,
  stall,
  startUpstream,
  type Answer,
  type Upstream,
} from './upstream-server.js';

/**
 * Test helper: what the tests of the keyed news API clients (NewsAPI, the Guardian) share, against
 * a loopback upstream (*.client.int.test.ts) or the sandbox (*.contract.int.test.ts).
 */

/** The options both keyed clients are created with. */
export interface KeyedClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

export const signal = () => ({ signal: new AbortController().signal });

/** The ProviderError a call fails with; fails the test when it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

export type Setup = (
  answer: Answer,
  timeoutMs?: number,
) => Promise<{ client: Provider; upstream: Upstream; logLines: string[] }>;

/**
 * `setup(answer)`: a client against a fresh loopback upstream, with its log lines captured.
 * Each test's upstream is closed after it.
 */
export function loopbackSetup(
  create: (options: KeyedClientOptions) => Provider,
  apiKey: string,
  clock: Clock,
): Setup {
  let current: Upstream | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (answer, timeoutMs = 2_000) => {
    const upstream = await startUpstream(answer);
    current = upstream;
    const logLines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
    const client = create({ baseUrl: upstream.baseUrl, apiKey, timeoutMs, clock, log });
    return { client, upstream, logLines };
  };
}

/** Broken connections, stalls and cancellation: mapped the same way by every client. */
export function transportFailureCases(setup: Setup, search: SearchQuery, body: string): void {
  it('maps a connection dropped mid-body to unavailable', async () => {
    const { client } = await setup(dropMidBody(body));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryable], ['unavailable', true]);
  });

  it('maps a refused connection to unavailable', async () => {
    const { client, upstream } = await setup(stall);
    await upstream.close();
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'unavailable');
  });

  it('times out a stalled upstream as a retryable timeout', async () => {
    const { client } = await setup(stall, 150);
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryable], ['timeout', true]);
  });

  it('reports cancelled when the caller aborts', async () => {
    const { client } = await setup(stall);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(client.search(search, { signal: controller.signal }));
    assert.deepEqual([error.kind, error.retryable], ['cancelled', false]);
  });
}

/** `answer` carries a page with one item that fails the wire schema. */
export function warnsOnMalformedItems(setup: Setup, search: SearchQuery, answer: Answer): void {
  it('warns when items fail the wire schema', async () => {
    const { client, logLines } = await setup(answer);
    await client.search(search, signal());
    const warning = logLines.find((line) => line.includes('Upstream items failed the wire schema'));
    assert.match(warning ?? '', /"malformed":1/);
  });
}

/** The sandbox's runtime faults, each mapped to its kind, and a stall to a timeout. */
export function sandboxFaultCases(options: {
  upstream: 'newsapi' | 'guardian';
  sandbox: () => Sandbox;
  client: (timeoutMs?: number) => Provider;
  retryAfterSeconds: number;
}): void {
  const { upstream, sandbox, client } = options;
  const faults: [string, Faults, ProviderErrorKind][] = [
    [
      'a throttled key',
      { rateLimited: { retryAfterSeconds: options.retryAfterSeconds } },
      'rate_limited',
    ],
    ['a server error', { errorRate: 1 }, 'unavailable'],
    ['malformed JSON', { malformedJson: true }, 'malformed_response'],
    ['a wrong-shape body', { wrongShape: true }, 'malformed_response'],
    ['a truncated body', { truncatedBody: true }, 'malformed_response'],
    ['a reset connection', { reset: true }, 'unavailable'],
  ];
  for (const [name, fault, kind] of faults) {
    it(`maps ${name} to ${kind}`, async () => {
      sandbox().faults.set(upstream, fault);
      const error = await failure(client().search({ q: 'climate', pageSize: 5 }, signal()));
      assert.equal(error.kind, kind);
    });
  }

  it('times out when the sandbox stalls', async () => {
    sandbox().faults.set(upstream, { stall: true });
    const error = await failure(client(200).top({ pageSize: 5 }, signal()));
    assert.deepEqual([error.kind, error.retryable], ['timeout', true]);
  });
}
