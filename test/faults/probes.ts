/**
 * Single requests that tell whether a fault is in effect (so a row cannot pass because the fault
 * never happened) and whether the service is whole again after it cleared.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { answers, type Probe } from './checks.js';
import type { FaultCase, FaultContext } from './fault-plan.js';
import type { LoadUser } from './load.js';

interface SearchAnswer {
  status: number;
  body: {
    partial?: boolean;
    persisted?: boolean;
    providers?: { provider: string; status: string }[];
    error?: { code: string };
  };
}

let sequence = 0;

/** A search no one asked before (so it reaches the providers), as `user`. */
async function freshSearch(base: string, user: LoadUser): Promise<SearchAnswer> {
  sequence += 1;
  // Another day range than the load's uncached searches, so the two never share a cache key.
  const from = new Date(Date.now() - 10 * 86_400_000 - sequence * 1000).toISOString();
  const res = await fetch(`${base}/v1/search?q=economy&from=${encodeURIComponent(from)}`, {
    headers: { authorization: `Bearer ${user.key}` },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as SearchAnswer['body'] };
}

async function readiness(base: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.json() };
}

/**
 * Healthy means: ready with the cache up, a fresh search complete and stored (providers paused by
 * design answer `rate_limited`, every other one `ok`), a save accepted.
 */
export function recoveryProbes(base: string, user: LoadUser, paused: readonly string[]): Probe[] {
  return [
    {
      name: 'ready with cache up',
      ok: () =>
        answers(`${base}/health/ready`, {}, (body) => {
          const b = body as { components?: { cache?: { status?: string } } };
          return b.components?.cache?.status === 'up';
        }),
    },
    {
      name: 'fresh search complete (or paused by design) and persisted',
      ok: async () => {
        const { status, body } = await freshSearch(base, user);
        const providers = body.providers ?? [];
        return (
          status === 200 &&
          body.persisted === true &&
          providers.length === 3 &&
          providers.every((p) => p.status === (paused.includes(p.provider) ? 'rate_limited' : 'ok'))
        );
      },
    },
    {
      name: 'save accepted',
      ok: () =>
        answers(`${base}/v1/saved/${user.articleIds[0] ?? '0'}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ note: `note on ${user.articleIds[0] ?? '0'}`, tags: ['faults'] }),
        }),
    },
  ];
}

/** Why the fault does not show (undefined when it does). */
export async function confirmFault(
  fault: FaultCase,
  ctx: FaultContext,
  user: LoadUser,
): Promise<string | undefined> {
  const base = ctx.server.base;
  switch (fault.recovery) {
    case 'providers': {
      const { status, body } = await freshSearch(base, user);
      const upstreams = fault.upstreams ?? [];
      if (upstreams.length === 3) {
        return status === 502 ? undefined : `search answered ${status}, not 502`;
      }
      const healthy = (body.providers ?? []).filter(
        (p) => upstreams.includes(p.provider as never) && p.status === 'ok',
      );
      return status === 200 && body.partial === true && healthy.length === 0
        ? undefined
        : `search answered ${status}, partial ${body.partial}, ${JSON.stringify(body.providers)}`;
    }
    case 'cache':
    case 'database':
    case 'restart':
      return undefined; // these faults check their own effect while they happen
  }
}

/** Why readiness does not show the outage of `service` (undefined when it does). */
export function confirmOutage(base: string, service: 'redis' | 'postgres') {
  return eventually(async () => {
    const { status, body } = await readiness(base);
    const { components } = body as {
      components: { cache: { status: string }; database: { status: string } };
    };
    if (service === 'redis') {
      return components.cache.status === 'degraded' || `cache ${components.cache.status}`;
    }
    return status === 503 && components.database.status === 'down'
      ? true
      : `ready ${status}, database ${components.database.status}`;
  });
}
/** Polls `check` for up to 5 s; undefined once it returns true, else its last complaint. */
async function eventually(check: () => Promise<true | string>): Promise<string | undefined> {
  let last = '';
  for (let i = 0; i < 20; i += 1) {
    const result = await check().catch((error: unknown) => String(error));
    if (result === true) return undefined;
    last = result;
    await sleep(250);
  }
  return last;
}
