import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from './database.js';
import { spawnServer } from './server-process.js';

describe('graceful shutdown', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it('lets an in-flight request finish across SIGTERM, refuses new ones, then exits 0', async () => {
    const server = await spawnServer('test/fixtures/server-with-slow-route.ts', {
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    const inFlight = fetch(`${server.url}/__test/slow?ms=1500`);
    await sleep(300);
    server.child.kill('SIGTERM');
    await sleep(200);
    const late = await fetch(`${server.url}/health/live`).then(
      (r) => r.status,
      () => 'refused',
    );
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { finished: true });
    assert.ok(late === 'refused' || late === 503, `new request after SIGTERM got ${late}`);
    assert.equal(await server.exited, 0);
    const messages = server.logs.map((l) => l.msg);
    assert.ok(messages.includes('Shutdown complete'), messages.join('\n'));
  });

  it('closes connections that outlive the drain deadline and still exits 0', async () => {
    const server = await spawnServer('test/fixtures/server-with-slow-route.ts', {
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '500',
    });
    const stuck = fetch(`${server.url}/__test/slow?ms=30000`).then(
      (r) => r.status,
      () => 'closed',
    );
    await sleep(200);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.ok(Date.now() - signalledAt < 5000, 'bounded by the deadline, not the request');
    assert.equal(await stuck, 'closed');
  });
});
