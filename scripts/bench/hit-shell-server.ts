/**
 * The real API server (startServer: every plugin, hook and route, as main-api.ts starts it) plus
 * two probe routes that send a fixed body through the same app shell, so one process shows what
 * the search route adds and what sending a string instead of bytes costs:
 *
 *   GET /bench/static         the body as a string (re-encoded to UTF-8 on every send)
 *   GET /bench/static-buffer  the same bytes as a Buffer encoded once (as the page cache holds it)
 *
 * The body is read once from Redis (BENCH_BODY_KEY, set by hit-shell.ts) on first use.
 */
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { exitOnSignals, startServer } from '../../src/server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78);
}
const key = process.env.BENCH_BODY_KEY ?? 'bench:shell:body';
const redis = new Redis(config.REDIS_URL ?? 'redis://127.0.0.1:6379/15');
let body: { text: string; bytes: Buffer } | undefined;

async function loadBody(): Promise<{ text: string; bytes: Buffer }> {
  if (body !== undefined) return body;
  const text = await redis.get(key);
  if (text === null) throw new Error(`${key} is not set in Redis`);
  body = { text, bytes: Buffer.from(text) };
  return body;
}

async function probes(app: FastifyInstance): Promise<void> {
  app.get('/bench/static', async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send((await loadBody()).text),
  );
  app.get('/bench/static-buffer', async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send((await loadBody()).bytes),
  );
}

const log = createLogger(config);
exitOnSignals(await startServer({ config, log, plugins: [probes] }), log);
