import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, databaseUrl, loadConfig, redisUrl } from './config.js';

describe('databaseUrl', () => {
  it('puts DATABASE_PASSWORD into a URL that has none', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://newsroom@db.internal:5432/newsroom',
      DATABASE_PASSWORD: 's3cret',
    });
    const url = new URL(databaseUrl(config) ?? '');
    assert.equal(url.username, 'newsroom');
    assert.equal(url.password, 's3cret');
    assert.equal(url.host, 'db.internal:5432');
    assert.equal(url.pathname, '/newsroom');
  });

  it('replaces a password already in the URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://newsroom:old@db.internal/newsroom?sslmode=require',
      DATABASE_PASSWORD: 'new',
    });
    const url = new URL(databaseUrl(config) ?? '');
    assert.equal(url.password, 'new');
    assert.equal(url.searchParams.get('sslmode'), 'require');
  });

  it('percent-encodes characters that would break the URL', () => {
    const password = 'a/b+c@d:e#f?g';
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app@db/newsroom',
      DATABASE_PASSWORD: password,
    });
    const url = new URL(databaseUrl(config) ?? '');
    assert.equal(decodeURIComponent(url.password), password);
    assert.equal(url.host, 'db');
  });

  it('leaves the URL alone without DATABASE_PASSWORD, and is undefined without a URL', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/postgres';
    assert.equal(databaseUrl(loadConfig({ DATABASE_URL: url })), url);
    assert.equal(databaseUrl(loadConfig({})), undefined);
  });
});

describe('redisUrl', () => {
  it('puts REDIS_PASSWORD (the auth token) into a rediss:// URL', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://cache.internal:6379',
      REDIS_PASSWORD: 'token/with+chars',
    });
    const url = new URL(redisUrl(config) ?? '');
    assert.equal(url.protocol, 'rediss:');
    assert.equal(decodeURIComponent(url.password), 'token/with+chars');
    assert.equal(url.host, 'cache.internal:6379');
  });

  it('leaves the URL alone without REDIS_PASSWORD', () => {
    assert.equal(
      redisUrl(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })),
      'redis://127.0.0.1:6379',
    );
  });
});

describe('loadConfig with connection passwords', () => {
  it('rejects a password without its URL, and never echoes the password', () => {
    try {
      loadConfig({ DATABASE_PASSWORD: 'hunter2-db', REDIS_PASSWORD: 'hunter2-redis' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 2, error.problems.join('\n'));
      assert.ok(error.problems.some((p) => p.includes('DATABASE_PASSWORD')));
      assert.ok(error.problems.some((p) => p.includes('REDIS_PASSWORD')));
      assert.ok(!error.message.includes('hunter2'));
    }
  });
});
