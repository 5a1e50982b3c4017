import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { EnvContract } from './env-contract';

/** Secrets that come from their own Secrets Manager secret rather than the shared app secret. */
export const DATABASE_PASSWORD = 'DATABASE_PASSWORD';
export const REDIS_PASSWORD = 'REDIS_PASSWORD';

/** The contract's secret names that live as JSON keys in the one app secret (newsroom/app). */
export function appSecretKeys(contract: EnvContract): string[] {
  return contract.secrets.filter((name) => name !== DATABASE_PASSWORD && name !== REDIS_PASSWORD);
}

export interface Endpoint {
  host: string;
  port: string;
}

export interface TaskEnvironmentSources {
  publicUrl: string;
  database: Endpoint;
  cache: Endpoint;
  databaseSecret: secretsmanager.ISecret;
  cacheAuthToken: secretsmanager.ISecret;
  appSecret: secretsmanager.ISecret;
}

export interface TaskEnvironment {
  environment: Record<string, string>;
  secrets: Record<string, ecs.Secret>;
}

/**
 * The container environment for every task (API, migration): exactly the contract's names. Plain
 * values are the contract's, except the deployment-specific ones it holds placeholders for
 * (PUBLIC_URL and the hosts in DATABASE_URL and REDIS_URL), which get the real endpoints while
 * keeping the contract's scheme, user, database and query string.
 */
export function buildTaskEnvironment(
  contract: EnvContract,
  sources: TaskEnvironmentSources,
): TaskEnvironment {
  const environment = { ...contract.environment };
  if ('PUBLIC_URL' in environment) environment.PUBLIC_URL = sources.publicUrl;
  if (environment.DATABASE_URL !== undefined) {
    environment.DATABASE_URL = withEndpoint(environment.DATABASE_URL, sources.database);
  }
  if (environment.REDIS_URL !== undefined) {
    environment.REDIS_URL = withEndpoint(environment.REDIS_URL, sources.cache);
  }

  const secrets: Record<string, ecs.Secret> = {};
  for (const name of contract.secrets) {
    secrets[name] =
      name === DATABASE_PASSWORD
        ? ecs.Secret.fromSecretsManager(sources.databaseSecret, 'password')
        : name === REDIS_PASSWORD
          ? ecs.Secret.fromSecretsManager(sources.cacheAuthToken)
          : ecs.Secret.fromSecretsManager(sources.appSecret, name);
  }
  return { environment, secrets };
}

/** `url` with its host and port replaced (either may be a deploy-time token). */
export function withEndpoint(url: string, endpoint: Endpoint): string {
  const parsed = new URL(url);
  const user = parsed.username === '' ? '' : `${parsed.username}@`;
  return `${parsed.protocol}//${user}${endpoint.host}:${endpoint.port}${parsed.pathname}${parsed.search}`;
}
