import { App } from 'aws-cdk-lib';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadEnvContract } from '../lib/env-contract';
import { readSettings } from '../lib/settings';
import { appSecretKeys, withEndpoint } from '../lib/task-environment';

describe('readSettings', () => {
  it('synthesizes offline with a placeholder account, two AZs of the region and two NAT gateways', () => {
    const settings = readSettings(new App().node, {});
    assert.equal(settings.account, '111111111111');
    assert.equal(settings.region, 'eu-west-1');
    assert.deepEqual(settings.availabilityZones, ['eu-west-1a', 'eu-west-1b']);
    assert.equal(settings.natGateways, 2);
    assert.equal(settings.latencyBudgetMs, 2000);
  });

  it("uses the CLI's account and region, and context over both", () => {
    const env = { CDK_DEFAULT_ACCOUNT: '222222222222', CDK_DEFAULT_REGION: 'us-east-2' };
    assert.equal(readSettings(new App().node, env).account, '222222222222');
    const app = new App({
      context: {
        region: 'eu-central-1',
        natGateways: '1',
        availabilityZones: 'eu-central-1b,eu-central-1c',
      },
    });
    const settings = readSettings(app.node, env);
    assert.equal(settings.region, 'eu-central-1');
    assert.equal(settings.natGateways, 1);
    assert.deepEqual(settings.availabilityZones, ['eu-central-1b', 'eu-central-1c']);
  });

  it('rejects a context value of the wrong kind, naming it', () => {
    const app = new App({ context: { latencyBudgetMs: 'fast' } });
    assert.throws(() => readSettings(app.node, {}), /latencyBudgetMs must be an integer/);
  });
});

describe('env contract', () => {
  it('reads deploy/env-contract.json: plain values are strings, secrets are names, none both', () => {
    const contract = loadEnvContract();
    assert.ok(Object.keys(contract.environment).length > 0);
    assert.ok(contract.secrets.includes('DATABASE_PASSWORD'));
    assert.ok(contract.secrets.includes('REDIS_PASSWORD'));
    assert.deepEqual(
      appSecretKeys({
        environment: {},
        secrets: ['DATABASE_PASSWORD', 'A', 'REDIS_PASSWORD', 'B'],
      }),
      ['A', 'B'],
    );
  });

  it('rejects a contract that lists a name as both plain and secret', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'contract-')), 'env.json');
    writeFileSync(file, JSON.stringify({ environment: { A: '1' }, secrets: ['A'] }));
    assert.throws(() => loadEnvContract(file), /both plain and secret: A/);
    writeFileSync(file, JSON.stringify({ environment: { A: 1 }, secrets: [] }));
    assert.throws(() => loadEnvContract(file), /must be a string/);
  });

  it('swaps only the host and port of a URL, keeping scheme, user, database and query', () => {
    const endpoint = { host: 'db.abc.eu-west-1.rds.amazonaws.com', port: '5432' };
    assert.equal(
      withEndpoint(
        'postgres://newsroom@database.internal:5432/newsroom?sslmode=no-verify',
        endpoint,
      ),
      'postgres://newsroom@db.abc.eu-west-1.rds.amazonaws.com:5432/newsroom?sslmode=no-verify',
    );
    assert.equal(
      withEndpoint('rediss://redis.internal:6379', { host: 'r', port: '6380' }),
      'rediss://r:6380',
    );
  });
});
