import type { Node } from 'constructs';

/**
 * Everything a deployment may vary, read from CDK context (`-c key=value` or cdk.json) with
 * defaults that synthesize offline. Nothing here triggers a lookup: the availability zones are
 * named, not discovered, so `npm run infra:synth` needs no credentials.
 */
export interface Settings {
  account: string;
  region: string;
  availabilityZones: string[];
  /** One NAT gateway per AZ by default; 1 trades AZ-independent egress for ~$33/month. */
  natGateways: number;
  publicUrl: string;
  /** Where the alarm descriptions point, e.g. https://github.com/<org>/<repo>/blob/main/docs/runbooks */
  runbookBaseUrl: string;
  /** The P99 target response time the latency alarm pages on. */
  latencyBudgetMs: number;
  databaseInstanceType: string;
  cacheNodeType: string;
  taskCpu: number;
  taskMemoryMiB: number;
  /** The command of the one-off migration task (same image as the API). */
  migrateCommand: string[];
}

/** Offline default: a placeholder account, so synth never asks AWS who we are. */
const OFFLINE_ACCOUNT = '111111111111';

/** Reads the settings from the app's context, falling back to the CLI's account and region. */
export function readSettings(node: Node, env: NodeJS.ProcessEnv = process.env): Settings {
  const region = text(node, 'region') ?? env.CDK_DEFAULT_REGION ?? 'eu-west-1';
  return {
    account: text(node, 'account') ?? env.CDK_DEFAULT_ACCOUNT ?? OFFLINE_ACCOUNT,
    region,
    availabilityZones: list(node, 'availabilityZones') ?? [`${region}a`, `${region}b`],
    natGateways: int(node, 'natGateways') ?? 2,
    publicUrl: text(node, 'publicUrl') ?? 'https://newsroom.example.com',
    runbookBaseUrl:
      text(node, 'runbookBaseUrl') ??
      'https://github.com/newsroom/newsroom/blob/main/docs/runbooks',
    latencyBudgetMs: int(node, 'latencyBudgetMs') ?? 2000,
    databaseInstanceType: text(node, 'databaseInstanceType') ?? 't4g.medium',
    cacheNodeType: text(node, 'cacheNodeType') ?? 'cache.t4g.small',
    taskCpu: int(node, 'taskCpu') ?? 512,
    taskMemoryMiB: int(node, 'taskMemoryMiB') ?? 1024,
    // The image runs compiled code (Dockerfile: dist/, no tsx at run time).
    migrateCommand: list(node, 'migrateCommand') ?? ['node', 'dist/scripts/db-migrate.js'],
  };
}

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
}

function int(node: Node, key: string): number | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`Context ${key} must be an integer`);
  return parsed;
}

// `-c key=a,b` arrives as a string; cdk.json can hold a real array.
function list(node: Node, key: string): string[] | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim());
  throw new Error(`Context ${key} must be a list of strings`);
}
