import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { testEnv } from '../../test/env.js';

describe('starting with bad TOKEN_ENCRYPTION_KEYS', () => {
  it('fails to start with a ConfigError naming the bad key by id, never printing a key', () => {
    const good = randomBytes(32).toString('base64');
    const short = randomBytes(16).toString('base64');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main-api.ts'], {
      env: {
        PORT: '0',
        DATABASE_URL: testEnv.databaseUrl,
        TOKEN_ENCRYPTION_KEYS: `current:${good},old:${short}`,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = result.stderr + result.stdout;
    // Found while building dependencies (after the environment parsed): main-api exits 1 then.
    assert.notEqual(result.status, 0, output);
    assert.match(output, /"type":"ConfigError"/);
    assert.match(output, /key \\?"old\\?" must be exactly 32 bytes/);
    assert.doesNotMatch(output, new RegExp(short.replace(/[+/=]/g, '\\$&')));
    assert.ok(!output.includes(good));
  });
});
