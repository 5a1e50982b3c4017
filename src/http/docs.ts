import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';

/**
 * The OpenAPI document, generated from the route schemas, at `/openapi.json`, and Swagger UI at
 * `/docs`, served from the installed package so it works offline.
 */
export const docsPlugin: FastifyPluginAsync = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Newsroom API',
        description: 'One API over many news sources: search, dedup, save, understand coverage.',
        version: '0.1.0',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'articles', description: 'The article store' },
        { name: 'search', description: 'Live search across every provider' },
        { name: 'providers', description: 'Upstream news sources and their state' },
        {
          name: 'accounts',
          description:
            'Sign-up, sign-in (email or Reddit), sessions and the account; cookie-authenticated ' +
            'POST/PUT/PATCH/DELETE need the X-CSRF-Token header from GET /v1/me',
        },
        {
          name: 'api-keys',
          description: 'Keys for programmatic access (Bearer), and their limits',
        },
        { name: 'saved', description: 'Articles the user kept, with notes and tags' },
        { name: 'history', description: "The user's searches" },
        {
          name: 'preferences',
          description: 'Defaults that searches apply when parameters are absent',
        },
        { name: 'insights', description: 'Trends, entities and sentiment over the store' },
      ],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key created at POST /v1/api-keys (starts with nrk_)',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'newsroom_session' },
        },
      },
    },
    refResolver: {
      // Name components after their $id ("Article"), not "def-0".
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
});
