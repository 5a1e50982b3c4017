import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ConfigSchema, SECRET_KEYS, databaseUrl, loadConfig, redisUrl } from '../../src/config.js';
import { contractNames, loadEnvContract } from './repo-files.js';

const contract = loadEnvContract();
const schemaNames = new Set(Object.keys(ConfigSchema.properties));

/**
 * Variables whose development default is wrong in production: each must be in the contract.
 * The schema's optional variables (no default) are covered by the next list as well.
 */
const PRODUCTION_MUST_SET = [
  'NODE_ENV', // development: pretty logs, per-process token key allowed
  'HOST', // 127.0.0.1: unreachable from the load balancer
  'TRUST_PROXY', // client IPs (rate limits, attempt throttles) come from X-Forwarded-For
  'MIGRATE_ON_START', // migrations run once, as their own task, before the service updates
  'PUBLIC_URL', // links and the Reddit redirect URI
  'DATABASE_URL', // unset starts an embedded PostgreSQL inside the task
  'DATABASE_PASSWORD',
  'REDIS_URL', // unset caches per process: no shared cache, limits or single flight
  'REDIS_PASSWORD',
  'TOKEN_ENCRYPTION_KEYS', // required in production
  'NEWSAPI_KEY', // unset serves the sandbox's made-up articles
  'GUARDIAN_API_KEY',
  'REDDIT_CLIENT_ID',
  'REDDIT_CLIENT_SECRET',
  'ENRICHMENT_IN_API', // true: the API analyses articles on its own cores; the worker service does
];

/** Optional variables production leaves unset on purpose, each with the reason. */
const UNSET_IN_PRODUCTION: Record<string, string> = {
  REDDIT_REDIRECT_URI: 'derived from PUBLIC_URL',
  NEWSAPI_BASE_URL: 'defaults to the real API',
  GUARDIAN_BASE_URL: 'defaults to the real API',
  REDDIT_AUTH_BASE_URL: 'defaults to the real API',
  REDDIT_API_BASE_URL: 'defaults to the real API',
  METRICS_TOKEN: 'the load balancer does not route /metrics (docs/operations.md)',
  SEARCH_STORE_CONCURRENCY: 'derived from DATABASE_POOL_MAX (half of it)',
};

function dummySecrets(): Record<string, string> {
  return Object.fromEntries(
    contract.secrets.map((name) => [
      name,
      name === 'TOKEN_ENCRYPTION_KEYS'
        ? `k1:${randomBytes(32).toString('base64')}`
        : `dummy-${name.toLowerCase()}`,
    ]),
  );
}

describe('deploy/env-contract.json', () => {
  it('names only variables the config schema knows', () => {
    const unknown = contractNames(contract).filter((name) => !schemaNames.has(name));
    assert.deepEqual(unknown, []);
  });

  it('lists each name once, plain or secret, and every secret is redacted by the config', () => {
    const plain = Object.keys(contract.environment);
    assert.deepEqual(
      contract.secrets.filter((name) => plain.includes(name)),
      [],
    );
    assert.equal(new Set(contract.secrets).size, contract.secrets.length);
    for (const name of contract.secrets) assert.ok(SECRET_KEYS.has(name), `${name} is secret`);
  });

  it('keeps passwords out of the plain URLs (they come from Secrets Manager)', () => {
    for (const name of ['DATABASE_URL', 'REDIS_URL']) {
      const value = contract.environment[name];
      assert.ok(value, `${name} is set`);
      assert.equal(new URL(value).password, '', `${name} carries no password`);
    }
    assert.ok(contract.environment.REDIS_URL?.startsWith('rediss://'), 'TLS to ElastiCache');
  });

  it('loads as a production config, the secrets filled in', () => {
    const config = loadConfig({ ...contract.environment, ...dummySecrets() });
    assert.equal(config.NODE_ENV, 'production');
    assert.equal(config.HOST, '0.0.0.0');
    assert.equal(config.TRUST_PROXY, true);
    assert.equal(config.MIGRATE_ON_START, false);
    assert.equal(config.ENRICHMENT_IN_API, false);
    assert.equal(new URL(databaseUrl(config) ?? '').password, 'dummy-database_password');
    assert.equal(new URL(redisUrl(config) ?? '').password, 'dummy-redis_password');
  });

  it('sets every variable whose default is wrong in production', () => {
    const names = contractNames(contract);
    assert.deepEqual(
      PRODUCTION_MUST_SET.filter((name) => !names.includes(name)),
      [],
    );
  });

  it('decides every optional variable: set in production, or unset for a stated reason', () => {
    const names = new Set(contractNames(contract));
    const undecided = Object.entries(ConfigSchema.properties)
      .filter(([, schema]) => (schema as { default?: unknown }).default === undefined)
      .map(([name]) => name)
      .filter((name) => !names.has(name) && !(name in UNSET_IN_PRODUCTION));
    assert.deepEqual(
      undecided,
      [],
      'add each to deploy/env-contract.json or to UNSET_IN_PRODUCTION with the reason',
    );
  });
});
