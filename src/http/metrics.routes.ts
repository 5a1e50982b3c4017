import fp from 'fastify-plugin';
import type { Metrics } from '../metrics/metrics.js';

/**
 * `GET /metrics` in Prometheus text format, and the request-duration histogram behind it (one
 * observation per request, labelled by route template, never by raw URL). Wrapped in
 * fastify-plugin so the hook sees every route, not only those registered inside this plugin.
 */
export const metricsRoutes = fp<{ metrics: Metrics }>(
  async (app, { metrics }) => {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  },
  { name: 'newsroom-metrics' },
);
