import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../clock.js';
import { createRateLimitGate } from './reddit.ratelimit.js';

function setup() {
  let time = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(time) };
  return { gate: createRateLimitGate(clock), advance: (ms: number) => (time += ms) };
}

const headers = (used: string, remaining: string, reset: string) =>
  new Headers({
    'x-ratelimit-used': used,
    'x-ratelimit-remaining': remaining,
    'x-ratelimit-reset': reset,
  });

describe('createRateLimitGate', () => {
  it('reads the string headers, with a float remaining', () => {
    const { gate } = setup();
    gate.record(headers('5', '595.0', '385'));
    assert.deepEqual(gate.snapshot(), { used: 5, remaining: 595, resetInMs: 385_000 });
  });

  it('reserves a request per call, so concurrent callers cannot overspend the last one', () => {
    const { gate } = setup();
    gate.record(headers('599', '1.0', '60'));
    gate.acquire();
    assert.throws(() => gate.acquire(), { kind: 'rate_limited', retryAfterMs: 60_000 });
  });

  it('lets calls through again once the window has reset', () => {
    const { gate, advance } = setup();
    gate.record(headers('600', '0.0', '30'));
    assert.throws(() => gate.acquire(), { kind: 'rate_limited' });
    advance(30_000);
    gate.acquire();
    assert.equal(gate.snapshot(), undefined);
  });

  it('waits at least a second when the budget is spent and reset says 0', () => {
    const { gate } = setup();
    gate.record(headers('600', '0.0', '0'));
    assert.throws(() => gate.acquire(), { retryAfterMs: 1000 });
  });

  it('keeps its count when a response carries no rate-limit headers', () => {
    const { gate } = setup();
    gate.record(headers('10', '3.0', '100'));
    gate.acquire();
    gate.record(new Headers());
    assert.equal(gate.snapshot()?.remaining, 2);
  });

  it('refuses calls while blocked by a Retry-After', () => {
    const { gate, advance } = setup();
    gate.block(5000);
    assert.throws(() => gate.acquire(), { retryAfterMs: 5000 });
    advance(5000);
    gate.acquire();
  });
});
