import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { withErrors } from '../http/schemas.js';
import {
  SearchQuerySchema,
  SearchResponseSchema,
  SearchUnavailableSchema,
} from './search.schemas.js';
import { givenParams, type PersonalSearch } from './personal-search.js';

/**
 * `GET /v1/search`: live search across the providers, deduplicated and scored, through the
 * caller's preferences and history (personal-search.ts).
 */
export const searchRoutes: FastifyPluginAsyncTypebox<{ search: PersonalSearch }> = async (
  app,
  { search },
) => {
  app.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search every provider at once; each story once, with every source',
        description:
          'Served from the cache when the same search ran recently (X-Cache: HIT, Age in ' +
          'seconds). A provider that fails or misses the deadline is reported in `providers` ' +
          'and the rest are returned (`partial: true`); 502 when none answered.',
        querystring: SearchQuerySchema,
        response: withErrors({ 200: SearchResponseSchema, 502: SearchUnavailableSchema }),
      },
    },
    async (req, reply) => {
      const result = await search.search(req.principal, req.query, givenParams(req.raw.url));
      // The body is already serialised and encoded (and cached that way): Fastify sends bytes
      // as-is, so the cast only tells the type provider what the bytes hold.
      return reply
        .header('x-cache', result.cache)
        .header('age', String(result.ageSeconds))
        .type('application/json; charset=utf-8')
        .send(result.body as unknown as Static<typeof SearchResponseSchema>);
    },
  );
};
