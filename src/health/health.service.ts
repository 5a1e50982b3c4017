import type { Cache } from '../cache/cache.js';

export type ComponentStatus = 'up' | 'down' | 'degraded' | 'pending';

export interface Readiness {
  status: 'ready' | 'not_ready';
  components: {
    database: { status: 'up' | 'down'; detail?: string };
    migrations: { status: 'up' | 'pending' | 'down'; pending: string[] };
    cache: { status: 'up' | 'degraded'; kind: Cache['kind']; detail?: string };
    server: { status: 'up' | 'draining' };
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
      const [database, pending, cache] = await Promise.all([
        settle(withTimeout(deps.pingDatabase(), deps.probeTimeoutMs)),
        settle(withTimeout(deps.pendingMigrations(), deps.probeTimeoutMs)),
        withTimeout(deps.cache.health(), deps.probeTimeoutMs).catch((e: unknown) => ({
          status: 'degraded' as const,
          detail: (e as Error).message,
        })),
      ]);
      const components: Readiness['components'] = {
        database: database.ok ? { status: 'up' } : { status: 'down', detail: database.detail },
        migrations: pending.ok
          ? { status: pending.value.length === 0 ? 'up' : 'pending', pending: pending.value }
          : { status: 'down', pending: [] },
        cache: { ...cache, kind: deps.cache.kind },
        server: { status: draining ? 'draining' : 'up' },
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

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
