import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../http/schemas.js';
import {
  ArticleIdParams,
  ArticleListQuerySchema,
  ArticleListResponse,
  ArticleSchema,
} from './article.schemas.js';
import type { ArticleService } from './article.service.js';
import { givenParams, type PersonalSearch } from '../search/personal-search.js';

/**
 * Stored articles: `GET /v1/articles` (through the caller's preferences and history,
 * search/personal-search.ts) and `GET /v1/articles/:id`.
 */
export const articleRoutes: FastifyPluginAsyncTypebox<{
  articles: ArticleService;
  personal: PersonalSearch;
}> = async (app, { articles, personal }) => {
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
    (req) => personal.listArticles(req.principal, req.query, givenParams(req.raw.url)),
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
