import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import {
  SaveArticleBody,
  SavedArticleParams,
  SavedArticleSchema,
  SavedListQuery,
  SavedListResponse,
} from './saved-article.schemas.js';
import type { SavedArticleService } from './saved-article.service.js';

const tags = ['saved'];

/** The caller's saved articles: save (idempotent), unsave, list with tag and full-text filters. */
export const savedArticleRoutes: FastifyPluginAsyncTypebox<{ saved: SavedArticleService }> = async (
  app,
  { saved },
) => {
  app.put(
    '/v1/saved/:articleId',
    {
      schema: {
        tags,
        summary: 'Save an article (201), or update the note and tags of a saved one (200)',
        params: SavedArticleParams,
        body: SaveArticleBody,
        response: withErrors({ 200: SavedArticleSchema, 201: SavedArticleSchema }),
      },
      preValidation: emptyBodyAsObject,
    },
    async (req, reply) => {
      const result = await saved.save(requirePrincipal(req).userId, req.params.articleId, req.body);
      return reply.code(result.created ? 201 : 200).send(result.saved);
    },
  );

  app.delete(
    '/v1/saved/:articleId',
    {
      schema: {
        tags,
        summary: 'Remove an article from your saved articles',
        params: SavedArticleParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await saved.unsave(requirePrincipal(req).userId, req.params.articleId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/saved',
    {
      schema: {
        tags,
        summary: 'Your saved articles, newest saved first; filter by tag or full text',
        querystring: SavedListQuery,
        response: withErrors({ 200: SavedListResponse }),
      },
    },
    (req) => saved.list(requirePrincipal(req).userId, req.query),
  );
};

/** A PUT without a body is a save with nothing to change; a body that is sent is validated. */
async function emptyBodyAsObject(req: FastifyRequest): Promise<void> {
  req.body ??= {};
}
