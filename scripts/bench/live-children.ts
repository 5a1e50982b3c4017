/**
 * Child processes of the live-search benchmark (the API server, the bare baseline): spawned with
 * their output going straight to a file, so log writes cost the child what they cost in
 * production and never pass through the load generator's event loop; every child is stopped on
 * success, failure, Ctrl-C or SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  /** Set once the process has exited: its code or signal. */
  exit: { value: number | string | undefined };
}

const running = new Set<Child>();

/**
 * Spawns `node --import tsx <entry>` (or plain `node` for compiled `.js`) with exactly `env` (plus
 * PATH, HOME); output to `logFile`.
 */
export function spawnChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  logFile: string,
  nodeArgs: string[] = [],
): Child {
  const fd = openSync(logFile, 'w');
  // A clean environment: a NEWSAPI_KEY or DATABASE_URL in the caller's shell must not leak in.
  const loader = entry.endsWith('.js') ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd); // the child holds its own copy
  const handle: Child = { name, process: child, logFile, exit: { value: undefined } };
  running.add(handle);
  child.once('exit', (code, signal) => {
    handle.exit.value = code ?? signal ?? 'unknown';
    running.delete(handle);
  });
  return handle;
}

/** Polls `url` until it answers 200; fails early, with the log's tail, if the child exits. */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exit.value !== undefined) {
      throw new Error(`${child.name} exited (${child.exit.value}) before ready:\n${tail(child)}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.ok;
      },
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${tail(child)}`);
}

/** SIGTERM (graceful: the server drains and closes its pools), SIGKILL if it lingers. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.exit.value !== undefined) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

/**
 * Ctrl-C / SIGTERM: stop the children and exit 130. A crash path that skips the async cleanup
 * still kills them on the way out ('exit' handlers must be synchronous, hence SIGKILL).
 */
export function stopChildrenOnExit(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: Ctrl-C under run-all arrives twice (from the terminal and forwarded), and
    // the second must not kill this process before its children are stopped.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping child processes\n`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of running) child.process.kill('SIGKILL');
  });
}

/** A free TCP port on loopback (released before use: a tiny race, fine on a bench machine). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The last lines of a child's log, for error messages. */
export function tail(child: Child, lines = 20): string {
  try {
    return readFileSync(child.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
