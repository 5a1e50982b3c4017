/**
 * The baseline of the cache-hit benchmark: the least a Fastify 5 process can do to answer a
 * cached search, in its own process like the real server. No logging, no hooks, no plugins.
 *
 *   GET /bare    one Redis GET of BENCH_BARE_KEY, sent as application/json
 *   GET /static  the same string from memory (shows what the Redis round trip costs)
 *   GET /static-buffer  the same bytes as a Buffer encoded once (what UTF-8 encoding costs)
 *
 * Env: PORT, REDIS_URL (with its logical database), BENCH_BARE_KEY, and BARE_LAYERS: a comma
 * list of the product's layers to add back one at a time (hit-layers.ts measures each):
 * logging, request-id, helmet, cors, metrics — each configured as src/http/app.ts does.
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { addLayers, bareOptions, parseLayers } from './bare-layers.js';

const port = Number(process.env.PORT);
const key = process.env.BENCH_BARE_KEY ?? 'bench:bare:body';
const layers = parseLayers(process.env.BARE_LAYERS ?? '');
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/15');
const loaded = await redis.get(key);
if (loaded === null) throw new Error(`${key} is not set in Redis`);
const body: string = loaded;

const app = Fastify(bareOptions(layers));
await addLayers(app, layers);
app.get('/bare', async (_req, reply) => {
  const value = await redis.get(key);
  return reply.type('application/json; charset=utf-8').send(value ?? '{}');
});
app.get('/static', async (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
const encoded = Buffer.from(body);
app.get('/static-buffer', async (_req, reply) =>
  reply.type('application/json; charset=utf-8').send(encoded),
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => redis.quit())
      .finally(() => process.exit(0));
  });
}
await app.listen({ host: '127.0.0.1', port });
