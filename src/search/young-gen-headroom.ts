import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Room in V8's young generation before latency-critical work, made while the process waits.
 *
 * A live search spends most of its time waiting for the slowest provider, then does its own work
 * (dedup, scoring, the write, the response) against the clock. About one young-generation
 * scavenge happens per search; when it lands in that window it adds its whole pause (5-15 ms on
 * a small VM, copying the search's live data) to the response. Emptying the young generation
 * while the search is still waiting moves that pause off the critical path: the slowest page's
 * work then fits in the space left. The same idea as V8's idle-time GC in browsers and .NET's
 * no-GC regions, driven by the one thing that knows where the idle time is: the fan-out.
 *
 * Throttled, so that under load (when scavenges come often anyway and nobody is idle) it adds
 * at most a few cheap scavenges a second; and only worth doing when the young generation is
 * already partly full.
 */
export interface YoungGenHeadroom {
  /** Scavenges now if the young generation is fuller than the threshold and none ran lately. */
  make(): void;
}

export interface HeadroomOptions {
  /** Scavenge only when more than this share of the young generation is in use. */
  minUsedShare?: number;
  /** At most one scavenge per this many milliseconds. */
  minIntervalMs?: number;
  now?: () => number;
}

type GcFunction = (options: { type: 'minor' | 'major'; execution: 'sync' | 'async' }) => unknown;

export function createYoungGenHeadroom(options: HeadroomOptions = {}): YoungGenHeadroom {
  const gc = minorGc();
  if (gc === undefined) return { make: () => undefined };
  const minUsedShare = options.minUsedShare ?? 0.25;
  const minIntervalMs = options.minIntervalMs ?? 250;
  const now = options.now ?? (() => performance.now());
  let last = -Infinity;
  return {
    make() {
      const t = now();
      if (t - last < minIntervalMs) return;
      const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      if (young === undefined) return;
      // space_size covers both semi-spaces; one of them is what allocation fills.
      const capacity = young.space_used_size + young.space_available_size;
      if (young.space_used_size < capacity * minUsedShare) return;
      last = t;
      gc({ type: 'minor', execution: 'sync' });
    },
  };
}

/** Found once per process (each exposure builds a new vm context). */
let exposed: GcFunction | undefined | null = null;

/**
 * V8's gc() hook. Exposed at run time the way Jest does it (the flag makes new contexts carry the
 * function), so no command line needs `--expose-gc`; absent if the runtime refuses.
 */
function minorGc(): GcFunction | undefined {
  if (exposed === null) exposed = exposeGc();
  return exposed;
}

function exposeGc(): GcFunction | undefined {
  const existing = (globalThis as { gc?: GcFunction }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    // Only the context just made needs it; later ones (tests' vm sandboxes) stay as they were.
    setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as GcFunction) : undefined;
  } catch {
    return undefined;
  }
}
