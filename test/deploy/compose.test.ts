import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenCipher } from '../../src/auth/token-cipher.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { asRecord, contractNames, loadEnvContract, readRepoYaml } from './repo-files.js';

const contract = loadEnvContract();
const compose = asRecord(readRepoYaml('compose.yaml'), 'compose.yaml');
const services = asRecord(compose.services, 'services');
const APP_SERVICES = ['api', 'worker', 'migrate'];

function service(name: string): Record<string, unknown> {
  return asRecord(services[name], `services.${name}`);
}

function environmentOf(name: string): Record<string, string> {
  const env = asRecord(service(name).environment, `services.${name}.environment`);
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

/** `${NAME:-}` as compose resolves it with NAME unset. */
function interpolateUnset(value: string): string {
  return value.replace(/\$\{[A-Z_][A-Z0-9_]*:-([^}]*)\}/g, '$1');
}

function imageMajor(image: unknown): number {
  const match = /:(\d+)/.exec(String(image));
  assert.ok(match, `${String(image)} names a version`);
  return Number(match[1]);
}

describe('compose.yaml', () => {
  it('runs PostgreSQL 16 and Redis 7, the majors of RDS and ElastiCache', () => {
    assert.equal(imageMajor(service('postgres').image), 16);
    assert.equal(imageMajor(service('redis').image), 7);
  });

  it('health-checks PostgreSQL and Redis, and the app waits for both', () => {
    for (const name of ['postgres', 'redis']) {
      const healthcheck = asRecord(service(name).healthcheck, `${name}.healthcheck`);
      assert.ok(Array.isArray(healthcheck.test) && healthcheck.test.length > 1);
    }
    for (const name of APP_SERVICES) {
      const dependsOn = asRecord(service(name).depends_on, `${name}.depends_on`);
      for (const dependency of ['postgres', 'redis']) {
        assert.deepEqual(dependsOn[dependency], { condition: 'service_healthy' }, name);
      }
    }
  });

  it('migrates once, before the API and the worker start', () => {
    assert.deepEqual(service('migrate').command, ['node', 'dist/scripts/db-migrate.js']);
    assert.equal(service('migrate').restart, 'no');
    for (const name of ['api', 'worker']) {
      const dependsOn = asRecord(service(name).depends_on, `${name}.depends_on`);
      assert.deepEqual(dependsOn.migrate, { condition: 'service_completed_successfully' });
    }
    assert.deepEqual(service('api').command, ['node', 'dist/src/main-api.js']);
    assert.deepEqual(service('worker').command, ['node', 'dist/src/main-worker.js']);
  });

  it('gives the API, worker and migrations exactly the env contract names', () => {
    for (const name of APP_SERVICES) {
      assert.deepEqual(Object.keys(environmentOf(name)).sort(), contractNames(contract), name);
    }
  });

  it('keeps the contract values that do not depend on where it runs', () => {
    const env = environmentOf('api');
    const names = [
      'NODE_ENV',
      'HOST',
      'PORT',
      'TRUST_PROXY',
      'MIGRATE_ON_START',
      'ENRICHMENT_IN_API',
    ];
    for (const name of names) {
      assert.equal(env[name], contract.environment[name], name);
    }
  });

  it('loads as a valid production config, provider keys unset (the sandbox)', () => {
    const env = Object.fromEntries(
      Object.entries(environmentOf('api')).map(([k, v]) => [k, interpolateUnset(v)]),
    );
    const config = loadConfig(env);
    assert.equal(config.NODE_ENV, 'production');
    assert.equal(config.NEWSAPI_KEY, undefined);
    const log = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    const cipher = createTokenCipher(config.TOKEN_ENCRYPTION_KEYS, log);
    assert.ok(cipher, 'the local token key is a valid 32-byte key');
  });

  it('publishes the API on the contract port', () => {
    assert.deepEqual(service('api').ports, [
      `${contract.environment.PORT}:${contract.environment.PORT}`,
    ]);
  });
});
