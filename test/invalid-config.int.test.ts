import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('starting with an invalid configuration', () => {
  it('exits 78 before touching anything, listing every problem and no secret', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main-api.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: 'x',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:s3cret@db/news',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 78, result.stderr);
    assert.match(result.stderr, /PORT="x"/);
    assert.match(result.stderr, /LOG_LEVEL="loud"/);
    assert.match(result.stderr, /DATABASE_URL=\(hidden\)/);
    assert.doesNotMatch(result.stderr + result.stdout, /s3cret/);
  });
});
