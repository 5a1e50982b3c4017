/**
 * The product's HTTP layers, configured as src/http/app.ts configures them, to add back to the
 * bare server one at a time: what each costs a cached search is then a measurement, not a guess.
 * Keep these in step with app.ts when it changes.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { pino } from 'pino';
import { requestIdFrom } from '../../src/http/request-id.js';
import { RequestLogging } from '../../src/http/request-logging.js';
import { loggerOptions, type Logger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics/metrics.js';

export const LAYERS = ['logging', 'request-id', 'helmet', 'cors', 'metrics'] as const;
export type Layer = (typeof LAYERS)[number];

/** The known layers named in a comma list; an unknown name is an error. */
export function parseLayers(list: string): Set<Layer> {
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(LAYERS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown layers ${unknown.join(', ')}`);
  return new Set(names as Layer[]);
}

/** Fastify options: production logging (pino to stdout at info, one line per request) or none. */
export function bareOptions(layers: Set<Layer>): FastifyServerOptions {
  const logger = layers.has('logging') ? productionLogger() : undefined;
  const options: FastifyServerOptions =
    logger === undefined
      ? { logger: false }
      : { loggerInstance: logger, logController: new RequestLogging(logger) };
  // Fastify's default id is a counter; ours is a random UUID unless the caller sent one.
  if (layers.has('request-id')) options.genReqId = requestIdFrom;
  return options;
}

function productionLogger(): Logger {
  return pino(loggerOptions({ LOG_LEVEL: 'info', NODE_ENV: 'production' }));
}

/** Registers the hooks and plugins of `layers` (before any route, as app.ts does). */
export async function addLayers(app: FastifyInstance, layers: Set<Layer>): Promise<void> {
  if (layers.has('request-id')) {
    app.addHook('onRequest', async (req, reply) => {
      void reply.header('x-request-id', req.id);
    });
  }
  if (layers.has('helmet')) {
    await app.register(helmet, {
      hsts: false,
      contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } },
    });
  }
  if (layers.has('cors')) {
    await app.register(cors, {
      origin: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['x-request-id', 'x-cache', 'age', 'retry-after'],
      maxAge: 600,
    });
  }
  if (layers.has('metrics')) {
    const metrics = createMetrics();
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
}
