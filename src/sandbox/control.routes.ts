import type { FastifyPluginAsync } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { FaultsSchema, UPSTREAMS, type FaultState, type Upstream } from './faults.js';

/**
 * The sandbox's own endpoints (never faulted): fault configuration over HTTP for demos and
 * out-of-process tests, and a health check.
 */
export const controlRoutes: FastifyPluginAsync<{ faults: FaultState; seed: string }> = async (
  app,
  { faults, seed },
) => {
  app.get('/health', async () => ({ status: 'ok', seed, upstreams: UPSTREAMS }));

  app.get('/faults', async () => faults.snapshot());

  app.put<{ Params: { upstream: string }; Body: Static<typeof FaultsSchema> }>(
    '/faults/:upstream',
    { schema: { body: FaultsSchema } },
    async (req, reply) => {
      const upstream = req.params.upstream as Upstream;
      if (!UPSTREAMS.includes(upstream)) {
        return reply
          .code(404)
          .send({ error: `Unknown upstream; use one of ${UPSTREAMS.join(', ')}` });
      }
      // Type-checks that the schema and the Faults interface agree.
      faults.set(upstream, req.body);
      return faults.snapshot();
    },
  );

  app.delete('/faults', async () => {
    faults.reset();
    return faults.snapshot();
  });
};
