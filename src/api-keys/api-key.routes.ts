import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireSession } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import {
  ApiKeyIdParams,
  ApiKeyListResponse,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
} from './api-key.schemas.js';
import type { ApiKeyService } from './api-key.service.js';

/**
 * The signed-in user's API keys: create (the key is shown once), list, revoke. Managed from a
 * web session only: a leaked key must not be able to mint more keys or revoke its siblings.
 */
export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeyService }> = async (
  app,
  { apiKeys },
) => {
  app.post(
    '/v1/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the response holds the whole key, shown this once',
        body: CreateApiKeyBody,
        response: withErrors({ 201: CreatedApiKeyResponse }),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await apiKeys.create(requireSession(req).userId, req.body.name)),
  );

  app.get(
    '/v1/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Your API keys, newest first, revoked ones included (never the keys themselves)',
        response: withErrors({ 200: ApiKeyListResponse }),
      },
    },
    async (req) => ({ apiKeys: await apiKeys.list(requireSession(req).userId) }),
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke one of your API keys; it stops working at once',
        params: ApiKeyIdParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await apiKeys.revoke(requireSession(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
