/**
 * Everything a fault run or a soak stands on: a test-owned PostgreSQL cluster and Redis server,
 * the sandbox, the API server as a child process, and the people (sentinel users the load never
 * touches, load users with articles to save), with a few searches warmed into the cache.
 */
import path from 'node:path';
import { freePort } from '../../scripts/bench/live-children.js';
import {
  freshDatabase,
  startCountingSandbox,
  type CountingSandbox,
} from '../../scripts/bench/live-infra.js';
import {
  createPerson,
  loadUser,
  saveArticles,
  storedArticleIds,
  warmSearches,
} from './fixtures.js';
import type { LoadUser } from './load.js';
import { startApiServer, type ApiServer } from './server.js';
import {
  startOwnedPostgres,
  startOwnedRedis,
  type OwnedPostgres,
  type OwnedRedis,
} from './services.js';

export const CACHED_QUERIES = [
  'climate',
  'election',
  'economy',
  'football',
  'technology',
  'health',
];

export interface Stage {
  postgres: OwnedPostgres;
  redis: OwnedRedis;
  sandbox: CountingSandbox;
  server: ApiServer;
  logFile: string;
  databaseUrl: string;
  sentinelIds: string[];
  users: LoadUser[];
  close(): Promise<void>;
}

/** Starts the services and the server, then creates the people; `artifacts` gets the logs. */
export async function setStage(artifacts: string, nodeArgs: string[] = []): Promise<Stage> {
  const postgres = await startOwnedPostgres();
  const redis = await startOwnedRedis();
  const port = await freePort();
  const sandbox = await startCountingSandbox(`http://127.0.0.1:${port}/auth/reddit/callback`);
  const databaseUrl = await freshDatabase(postgres.adminUrl, 'newsroom_faults');
  const closeServices = async () => {
    await sandbox.close();
    await redis.close();
    await postgres.close();
  };
  let server: ApiServer;
  try {
    server = await startApiServer({
      databaseUrl,
      redisUrl: redis.url,
      sandbox,
      logFile: path.join(artifacts, 'server.log'),
      port,
      nodeArgs,
    });
  } catch (error) {
    await closeServices();
    throw error;
  }
  const close = async () => {
    await server.stop();
    await closeServices();
  };
  try {
    const sentinels = await Promise.all(
      [0, 1, 2].map((i) => createPerson(server.base, `s${i}`, 2)),
    );
    const loaders = await Promise.all(
      [0, 1, 2, 3].map((i) => createPerson(server.base, `l${i}`, 1)),
    );
    await warmSearches(server.base, loaders[0]!, CACHED_QUERIES);
    const articles = await storedArticleIds(databaseUrl, 15 + 4 * 20);
    for (const [i, person] of sentinels.entries()) {
      await saveArticles(server.base, person, articles.slice(i * 5, i * 5 + 5));
    }
    const users = loaders.map((p, i) => loadUser(p, articles.slice(15 + i * 20, 35 + i * 20)));
    const sentinelIds = sentinels.map((p) => p.id);
    const logFile = path.join(artifacts, 'server.log');
    return { postgres, redis, sandbox, server, logFile, databaseUrl, sentinelIds, users, close };
  } catch (error) {
    await close();
    throw error;
  }
}
