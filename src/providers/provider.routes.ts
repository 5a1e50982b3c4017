import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ref, withErrors } from '../http/schemas.js';
import { ProviderStatusSchema } from './provider.schemas.js';
import type { ProviderSet } from './provider-set.js';

/** `GET /v1/providers`: each provider's mode, breaker, budget left and last error. */
export const providerRoutes: FastifyPluginAsyncTypebox<{ providers: ProviderSet }> = async (
  app,
  { providers },
) => {
  app.get(
    '/v1/providers',
    {
      schema: {
        tags: ['providers'],
        summary: 'Status of every upstream provider',
        response: withErrors({
          200: Type.Object({ providers: Type.Array(ref(ProviderStatusSchema)) }),
        }),
      },
    },
    async () => ({ providers: await providers.statuses() }),
  );
};
