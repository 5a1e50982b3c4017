import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';

/**
 * `GET /metrics` in Prometheus text format, and the request-duration histogram behind it (one
 * observation per request, labelled by route template, never by raw URL). Wrapped in
 * fastify-plugin so the hook sees every route, not only those registered inside this plugin.
 * With a token, a scrape must send `Authorization: Bearer <token>`; without one the path is
 * open, and production blocks it at the load balancer instead (docs/operations.md).
 */
export const metricsRoutes = fp<{ metrics: Metrics; token?: string | undefined }>(
  async (app, { metrics, token }) => {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
        throw new AppError(
          'unauthorized',
          'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
        );
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  },
  { name: 'newsroom-metrics' },
);

/** Constant-time comparison, so response timing does not reveal how much of a guess matched. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
