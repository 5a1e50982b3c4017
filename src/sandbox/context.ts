import type { Corpus } from './corpus/story.js';
import type { Quotas } from './quota.js';

/** What every upstream emulator receives: the clock, the corpus and the configured limits. */
export interface SandboxContext {
  seed: string;
  now: () => Date;
  /** The corpus for the current UTC day (built once per day and seed). */
  corpus(): Corpus;
  quotas: Quotas;
  tokenLifetimeSeconds: number;
  redditRedirectUris: readonly string[];
}
