import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `deploy/env-contract.json` at the repo root: the one list of variables production sets, shared
 * with compose.yaml and checked against src/config.ts by the root tests. The task definitions are
 * built from it, so adding a variable there is the only step needed to ship it.
 */
export interface EnvContract {
  environment: Record<string, string>;
  secrets: string[];
}

export const ENV_CONTRACT_PATH = path.resolve(__dirname, '../../deploy/env-contract.json');

/** Reads and validates the contract; throws naming the problem when its shape is wrong. */
export function loadEnvContract(file: string = ENV_CONTRACT_PATH): EnvContract {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${file}: not an object`);
  const { environment, secrets } = raw as Record<string, unknown>;
  if (typeof environment !== 'object' || environment === null || Array.isArray(environment)) {
    throw new Error(`${file}: "environment" must be an object of strings`);
  }
  const entries = Object.entries(environment as Record<string, unknown>);
  if (!entries.every(([, v]) => typeof v === 'string')) {
    throw new Error(`${file}: every "environment" value must be a string`);
  }
  if (!Array.isArray(secrets) || !secrets.every((s) => typeof s === 'string')) {
    throw new Error(`${file}: "secrets" must be an array of names`);
  }
  const overlap = secrets.filter((name) => name in environment);
  if (overlap.length > 0) throw new Error(`${file}: both plain and secret: ${overlap.join(', ')}`);
  return { environment: Object.fromEntries(entries) as Record<string, string>, secrets };
}
