import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnServer } from './server-process.js';

// What `npm start` does on a fresh clone: no DATABASE_URL, no REDIS_URL, no keys.
describe('zero-config start (embedded PostgreSQL, in-memory cache, sandbox upstreams)', () => {
  let dataDir: string;
  const pgPort = String(50000 + Math.floor(Math.random() * 4000));
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-zero-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  const env = () => ({
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: pgPort,
    PORT: '0',
    LOG_LEVEL: 'info',
  });

  it('starts, migrates, answers /health/ready and says what it uses', async () => {
    const server = await spawnServer('src/main-api.ts', env(), 120_000);
    try {
      const ready = await fetch(`${server.url}/health/ready`);
      assert.equal(ready.status, 200);
      const summary = server.logs.find((l) => typeof l.webApp === 'string') ?? {};
      assert.match(String(summary.database), /^embedded PostgreSQL/);
      assert.equal(summary.cache, 'in-memory');
      assert.deepEqual(summary.upstreams, {
        newsapi: 'sandbox',
        guardian: 'sandbox',
        reddit: 'sandbox',
      });
      assert.equal(summary.docs, `${server.url}/docs`);
      assert.equal(summary.api, `${server.url}/v1`);
      assert.ok(server.logs.some((l) => l.msg === 'Applied database migrations'));
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }
  });

  it('reuses the same data directory on the next start', async () => {
    const server = await spawnServer('src/main-api.ts', env(), 120_000);
    try {
      assert.equal((await fetch(`${server.url}/health/ready`)).status, 200);
      const messages = server.logs.map((l) => l.msg);
      assert.ok(!messages.includes('Initialising embedded PostgreSQL data directory'));
      assert.ok(!messages.includes('Applied database migrations'), 'nothing left to migrate');
    } finally {
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    }
  });
});
