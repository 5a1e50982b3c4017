import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../http/schemas.js';
import {
  ArticleIdParams,
  ArticleListQuerySchema,
  ArticleListResponse,
  ArticleSchema,
} from './article.schemas.js';
import type { ArticleService } from './article.service.js';

/** Stored articles: `GET /v1/articles` and `GET /v1/articles/:id`. */
export const articleRoutes: FastifyPluginAsyncTypebox<{ articles: ArticleService }> = async (
  app,
  { articles },
) => {
  app.get(
    '/v1/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'Search the stored articles: full text, filters, relevance or recency, snippets',
        querystring: ArticleListQuerySchema,
        response: withErrors({ 200: ArticleListResponse }),
      },
    },
    (req) => articles.list(req.query),
  );

  app.get(
    '/v1/articles/:id',
    {
      schema: {
        tags: ['articles'],
        summary: 'One stored article with every provider that carried it',
        params: ArticleIdParams,
        response: withErrors({ 200: ArticleSchema }),
      },
    },
    (req) => articles.get(req.params.id),
  );
};
