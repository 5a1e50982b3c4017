import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The repository root, so the checks read the files CI and the image build read. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

export function repoPath(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

export function repoFileExists(...parts: string[]): boolean {
  return existsSync(repoPath(...parts));
}

/** Parses YAML strictly: anchors and merge keys resolved, duplicate keys an error. */
export function readRepoYaml(...parts: string[]): unknown {
  return parseYaml(readRepoFile(...parts), { merge: true, uniqueKeys: true });
}

/** Narrows an unknown YAML/JSON node to a plain object, failing with where it was expected. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export interface EnvContract {
  environment: Record<string, string>;
  secrets: string[];
}

/** deploy/env-contract.json, its shape checked (the CDK app reads the same file). */
export function loadEnvContract(): EnvContract {
  const raw = asRecord(JSON.parse(readRepoFile('deploy', 'env-contract.json')), 'contract');
  const environment = asRecord(raw.environment, 'contract.environment');
  for (const [name, value] of Object.entries(environment)) {
    if (typeof value !== 'string') throw new Error(`contract.environment.${name}: not a string`);
  }
  const secrets = raw.secrets;
  if (!Array.isArray(secrets) || !secrets.every((s): s is string => typeof s === 'string')) {
    throw new Error('contract.secrets: expected a list of names');
  }
  return { environment: environment as Record<string, string>, secrets };
}

/** Every name the contract sets, plain and secret. */
export function contractNames(contract: EnvContract): string[] {
  return [...Object.keys(contract.environment), ...contract.secrets].sort();
}
