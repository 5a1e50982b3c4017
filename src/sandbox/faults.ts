import { Type } from '@sinclair/typebox';
import { createRandom, type Random } from './random.js';

/**
 * Faults the sandbox injects per upstream, set at runtime by tests and demos (through
 * `sandbox.faults` or the /__sandbox/faults endpoints). Error draws use a seeded PRNG, re-seeded on
 * every change, so a given sequence of calls fails the same way on every run.
 */

export type Upstream = 'newsapi' | 'guardian' | 'reddit';
export const UPSTREAMS: readonly Upstream[] = ['newsapi', 'guardian', 'reddit'];

export const FaultsSchema = Type.Object(
  {
    latencyMs: Type.Optional(
      Type.Union([
        Type.Number({ minimum: 0 }),
        Type.Object(
          { min: Type.Number({ minimum: 0 }), max: Type.Number({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      ]),
    ),
    errorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    stall: Type.Optional(Type.Boolean()),
    reset: Type.Optional(Type.Boolean()),
    rateLimited: Type.Optional(
      Type.Object(
        { retryAfterSeconds: Type.Number({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
    malformedJson: Type.Optional(Type.Boolean()),
    truncatedBody: Type.Optional(Type.Boolean()),
    wrongShape: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Faults for one upstream; every field is optional and absent means "behave normally". */
export interface Faults {
  latencyMs?: number | { min: number; max: number };
  errorRate?: number;
  stall?: boolean;
  reset?: boolean;
  rateLimited?: { retryAfterSeconds: number };
  malformedJson?: boolean;
  truncatedBody?: boolean;
  wrongShape?: boolean;
}

/** A canned response an upstream gives for a fault (its own 5xx or 429 shape). */
export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** How an upstream looks when it fails: each upstream folder provides one of these. */
export interface FaultShapes {
  /** A 5xx; `roll` in [0, 1) picks among the upstream's variants. */
  serverError(roll: number): CannedResponse;
  /** A 429; `sequence` counts throttled answers, for upstreams that alternate bodies. */
  rateLimited(retryAfterSeconds: number, sequence: number): CannedResponse;
  /** Valid JSON that is not what the endpoint returns. */
  wrongShape: string;
}

export interface FaultState {
  get(upstream: Upstream): Faults;
  set(upstream: Upstream, faults: Faults): void;
  reset(): void;
  snapshot(): Record<Upstream, Faults>;
  /** The next draw in [0, 1) of the upstream's fault PRNG. */
  draw(upstream: Upstream): number;
}

/** Per-upstream fault settings with seeded, reproducible draws. */
export function createFaultState(seed: string): FaultState {
  const faults = new Map<Upstream, Faults>();
  const randoms = new Map<Upstream, Random>();
  const reseed = (upstream: Upstream): void => {
    randoms.set(upstream, createRandom(`${seed}/faults/${upstream}`));
  };
  for (const upstream of UPSTREAMS) reseed(upstream);
  return {
    get: (upstream) => faults.get(upstream) ?? {},
    set(upstream, value) {
      faults.set(upstream, { ...value });
      reseed(upstream);
    },
    reset() {
      faults.clear();
      for (const upstream of UPSTREAMS) reseed(upstream);
    },
    snapshot: () => ({
      newsapi: faults.get('newsapi') ?? {},
      guardian: faults.get('guardian') ?? {},
      reddit: faults.get('reddit') ?? {},
    }),
    draw: (upstream) => (randoms.get(upstream) ?? createRandom(upstream)).next(),
  };
}
