import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Provider } from './provider.js';
import type { ProviderRegistration, SandboxUrls } from './registration.js';
import type { BudgetStore } from './resilience/budget-store.js';
import {
  withResilience,
  type ProviderStatus,
  type ResilientProvider,
} from './resilience/resilient-provider.js';

export interface ProviderStatusView extends Omit<ProviderStatus, 'mode'> {
  enabled: boolean;
  mode: 'live' | 'sandbox';
}

/** The providers this process uses, each guarded, plus the status of every known provider. */
export interface ProviderSet {
  /** Enabled providers in registry order. */
  readonly enabled: readonly ResilientProvider[];
  get(id: string): ResilientProvider | undefined;
  statuses(): Promise<ProviderStatusView[]>;
  /** One line per provider for the start-up log: mode and where it points. */
  describe(): Record<string, string>;
}

/** Names in PROVIDERS_ENABLED that no registration knows, for a clear start-up error. */
export function unknownProviders(
  config: Config,
  registrations: readonly ProviderRegistration[],
): string[] {
  const known = new Set(registrations.map((r) => r.id));
  return enabledIds(config).filter((id) => !known.has(id));
}

export function enabledIds(config: Config): string[] {
  return config.PROVIDERS_ENABLED.split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
}

/** Builds every enabled provider behind budget, breaker and retries. */
export function createProviderSet(options: {
  config: Config;
  registrations: readonly ProviderRegistration[];
  sandbox: SandboxUrls | undefined;
  budgetStore: BudgetStore;
  clock: Clock;
  log: Logger;
  /** Times every upstream attempt, inside budget, breaker and retries. */
  instrument?: (provider: Provider) => Provider;
}): ProviderSet {
  const { config, registrations, clock, log } = options;
  const enabledSet = new Set(enabledIds(config));
  const built = registrations
    .filter((r) => enabledSet.has(r.id))
    .map((registration) => ({
      registration,
      provider: withResilience(
        (options.instrument ?? ((p: Provider) => p))(
          registration.create({ config, sandbox: options.sandbox, clock, log }),
        ),
        {
          mode: registration.isLive(config) ? 'live' : 'sandbox',
          budget: { store: options.budgetStore, windows: registration.budget(config) },
          breaker: {
            consecutiveFailures: config.BREAKER_FAILURES,
            halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS,
          },
          retries: 2,
          clock,
          log,
        },
      ),
    }));
  const byId = new Map(built.map((b) => [b.provider.id, b.provider]));

  return {
    enabled: built.map((b) => b.provider),
    get: (id) => byId.get(id),
    async statuses() {
      return Promise.all(
        registrations.map(async (registration): Promise<ProviderStatusView> => {
          const provider = byId.get(registration.id);
          if (provider !== undefined) return { ...(await provider.status()), enabled: true };
          return {
            id: registration.id,
            displayName: registration.displayName,
            enabled: false,
            mode: registration.isLive(config) ? 'live' : 'sandbox',
            breaker: 'closed',
            budget: [],
            pausedUntil: null,
            lastError: null,
            lastSuccessAt: null,
          };
        }),
      );
    },
    describe() {
      return Object.fromEntries(
        registrations.map((r) => [
          r.id,
          !enabledSet.has(r.id) ? 'disabled' : r.isLive(config) ? 'live' : 'sandbox',
        ]),
      );
    },
  };
}
