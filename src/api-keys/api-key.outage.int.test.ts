import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../clock.js';
import { createDatabase, type Db } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestUser } from '../../test/users.js';
import { createApiKeyService } from './api-key.service.js';

/** A TCP relay to PostgreSQL that can be cut, as an outage looks to the API. */
async function relayTo(url: string): Promise<{ url: string; cut(): Promise<void> }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no relay port');
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(address.port);
  return {
    url: relayed.toString(),
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('API keys while PostgreSQL is unreachable', () => {
  let database: TestDatabase;
  let viaRelay: Db;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  before(async () => {
    database = await createTestDatabase();
    relay = await relayTo(database.url);
    viaRelay = createDatabase({ connectionString: relay.url, poolMax: 2, applicationName: 't' });
  });
  after(async () => {
    await viaRelay.destroy().catch(() => undefined);
    await database.drop();
  });

  it('still accepts a key verified recently, and nothing else', async () => {
    const user = await createTestUser(database.db);
    const keys = createApiKeyService({ db: viaRelay, clock: systemClock });
    const verified = await keys.create(user.id, 'verified before the outage');
    const revoked = await keys.create(user.id, 'revoked before the outage');
    const unseen = await keys.create(user.id, 'never used before the outage');
    assert.equal((await keys.verify(verified.key))?.apiKeyId, verified.id);
    assert.equal((await keys.verify(revoked.key))?.apiKeyId, revoked.id);
    await keys.revoke(user.id, revoked.id);

    await relay.cut();
    assert.equal((await keys.verify(verified.key))?.userId, user.id);
    // Not verified here before: nothing to go on, so the outage shows (the HTTP layer's 503).
    await assert.rejects(keys.verify(unseen.key));
    // Revoked through this process: forgotten at once, never trusted again.
    await assert.rejects(keys.verify(revoked.key));
  });
});
