import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, describeConfig, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the documented defaults with nothing set', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 8080);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.LOG_LEVEL, 'info');
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.MIGRATE_ON_START, true);
  });

  it('converts numbers and booleans from strings and treats empty values as unset', () => {
    const config = loadConfig({ PORT: '9090', TRUST_PROXY: 'true', REDIS_URL: '  ' });
    assert.equal(config.PORT, 9090);
    assert.equal(config.TRUST_PROXY, true);
    assert.equal(config.REDIS_URL, undefined);
  });

  it('lists every problem at once, not just the first', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://root@localhost/news',
      REDDIT_CLIENT_ID: 'abc',
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('PORT=')));
    assert.ok(problems.some((p) => p.startsWith('LOG_LEVEL=')));
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL=') && p.includes('postgres:')));
    assert.ok(problems.some((p) => p.includes('REDDIT_CLIENT_SECRET')));
  });

  it("keeps live search's share of the pool below the pool", () => {
    assert.equal(loadConfig({ SEARCH_STORE_CONCURRENCY: '9' }).SEARCH_STORE_CONCURRENCY, 9);
    const problems = problemsOf({ SEARCH_STORE_CONCURRENCY: '4', DATABASE_POOL_MAX: '4' });
    assert.deepEqual(problems, [
      'SEARCH_STORE_CONCURRENCY=4 must be below DATABASE_POOL_MAX (4): a stalled write-through would hold every connection',
    ]);
  });

  it('never echoes a secret value in a problem', () => {
    const problems = problemsOf({ REDIS_URL: 'http://user:hunter2@cache:6379' });
    assert.equal(problems.length, 1);
    assert.ok(!problems[0]?.includes('hunter2'));
  });

  it('describes every variable with a one-line description', () => {
    for (const row of describeConfig()) {
      assert.ok(row.description.length > 10, `${row.name} needs a description`);
      assert.ok(!row.description.includes('\n'), `${row.name}: one line only`);
    }
  });
});
