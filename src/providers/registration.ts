import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Provider } from './provider.js';
import type { BudgetWindow } from './resilience/budget-store.js';

/** Base URLs of the sandbox's emulated upstreams, when one is running. */
export interface SandboxUrls {
  newsapi: string;
  guardian: string;
  redditAuth: string;
  redditApi: string;
}

export interface ProviderBuildContext {
  config: Config;
  /** Live providers never receive this; sandbox-mode ones use it unless a base URL is set. */
  sandbox: SandboxUrls | undefined;
  clock: Clock;
  log: Logger;
}

/**
 * How the product learns about a provider: one of these per provider folder, listed in
 * registry.ts. It decides live vs sandbox from the configuration, the call budget, and builds the
 * client with the right base URL and credentials.
 */
export interface ProviderRegistration {
  id: string;
  displayName: string;
  /** Live when its credentials are configured; otherwise it talks to the sandbox. */
  isLive(config: Config): boolean;
  /** True when sandbox mode needs the in-process sandbox (no base URL configured). */
  needsSandbox(config: Config): boolean;
  budget(config: Config): BudgetWindow[];
  create(context: ProviderBuildContext): Provider;
}

/** The sandbox base URL for a sandbox-mode provider, or a clear error when none is running. */
export function sandboxUrl(
  context: ProviderBuildContext,
  key: keyof SandboxUrls,
  provider: string,
): string {
  if (context.sandbox === undefined) {
    throw new Error(`${provider} is in sandbox mode but no sandbox is running`);
  }
  return context.sandbox[key];
}
