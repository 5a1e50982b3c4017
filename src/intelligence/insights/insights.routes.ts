import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withErrors } from '../../http/schemas.js';
import {
  TopEntitiesQuerySchema,
  TopEntitiesResponse,
  TrendingQuerySchema,
  TrendingResponse,
  TrendsQuerySchema,
  TrendsResponse,
} from './insights.schemas.js';
import type { InsightsService } from './insights.service.js';

/** Aggregates over the article store: trends, top entities, trending entities. */
export const insightsRoutes: FastifyPluginAsyncTypebox<{ insights: InsightsService }> = async (
  app,
  { insights },
) => {
  app.get(
    '/v1/insights/trends',
    {
      schema: {
        tags: ['insights'],
        summary: 'Articles, providers and sentiment (mean, spread) per day or hour',
        querystring: TrendsQuerySchema,
        response: withErrors({ 200: TrendsResponse }),
      },
    },
    (req) => insights.trends(req.query),
  );

  app.get(
    '/v1/insights/entities',
    {
      schema: {
        tags: ['insights'],
        summary: 'The people, organisations and places the matching articles name most',
        querystring: TopEntitiesQuerySchema,
        response: withErrors({ 200: TopEntitiesResponse }),
      },
    },
    (req) => insights.topEntities(req.query),
  );

  app.get(
    '/v1/insights/trending',
    {
      schema: {
        tags: ['insights'],
        summary: 'Entities whose coverage rose most in the recent window against their baseline',
        querystring: TrendingQuerySchema,
        response: withErrors({ 200: TrendingResponse }),
      },
    },
    (req) => insights.trending(req.query),
  );
};
