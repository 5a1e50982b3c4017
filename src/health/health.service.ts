import type { Cache } from '../cache/cache.js';
import type { ProviderSet } from '../providers/provider-set.js';
import { withTimeout } from '../timeouts.js';

export type ComponentStatus = 'up' | 'down' | 'degraded' | 'pending';

export interface Readiness {
  status: 'ready' | 'not_ready';
  components: {
    database: { status: 'up' | 'down'; detail?: string };
    migrations: { status: 'up' | 'pending' | 'down'; pending: string[] };
    cache: { status: 'up' | 'degraded'; kind: Cache['kind']; detail?: string };
    server: { status: 'up' | 'draining' };
    /** Informational: an upstream outage degrades search but never makes the instance unready. */
    providers: {
      status: 'up' | 'degraded';
      open: string[];
      /** Breaker and the tightest budget window per enabled provider. */
      details: { id: string; breaker: string; callsLeft: number | null }[];
    };
  };
}

export interface HealthService {
  readiness(): Promise<Readiness>;
  /** Called on SIGTERM so load balancers stop routing here while requests drain. */
  markDraining(): void;
}

export interface HealthDeps {
  pingDatabase: () => Promise<void>;
  pendingMigrations: () => Promise<string[]>;
  cache: Cache;
  providers: ProviderSet;
  /** Each probe gives up after this long, so readiness never hangs. */
  probeTimeoutMs: number;
}

/**
 * Readiness = the database answers, no migration is pending and the server is not draining.
 * An unreachable cache only degrades the service (it is never the only copy), so it does not
 * make the instance unready.
 */
export function createHealthService(deps: HealthDeps): HealthService {
  let draining = false;
  return {
    markDraining: () => {
      draining = true;
    },
    async readiness() {
      const [database, pending, cache, providerStatuses] = await Promise.all([
        settle(withTimeout(deps.pingDatabase(), deps.probeTimeoutMs)),
        settle(withTimeout(deps.pendingMigrations(), deps.probeTimeoutMs)),
        withTimeout(deps.cache.health(), deps.probeTimeoutMs).catch((e: unknown) => ({
          status: 'degraded' as const,
          detail: (e as Error).message,
        })),
        deps.providers.statuses(),
      ]);
      const open = providerStatuses
        .filter((p) => p.enabled && (p.breaker !== 'closed' || p.pausedUntil !== null))
        .map((p) => p.id);
      const components: Readiness['components'] = {
        database: database.ok ? { status: 'up' } : { status: 'down', detail: database.detail },
        migrations: pending.ok
          ? { status: pending.value.length === 0 ? 'up' : 'pending', pending: pending.value }
          : { status: 'down', pending: [] },
        cache: { ...cache, kind: deps.cache.kind },
        server: { status: draining ? 'draining' : 'up' },
        providers: {
          status: open.length === 0 ? 'up' : 'degraded',
          open,
          details: providerStatuses
            .filter((p) => p.enabled)
            .map((p) => ({
              id: p.id,
              breaker: p.breaker,
              callsLeft:
                p.budget.length === 0 ? null : Math.min(...p.budget.map((b) => b.remaining)),
            })),
        },
      };
      const ready =
        components.database.status === 'up' && components.migrations.status === 'up' && !draining;
      return { status: ready ? 'ready' : 'not_ready', components };
    },
  };
}

type Settled<T> = { ok: true; value: T } | { ok: false; detail: string };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : 'unknown error' };
  }
}
