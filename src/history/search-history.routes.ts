import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import {
  HistoryEntryParams,
  HistoryListQuery,
  HistoryListResponse,
} from './search-history.schemas.js';
import type { SearchHistoryService } from './search-history.service.js';

const tags = ['history'];

/** The caller's search history: list, forget one entry, forget everything. */
export const searchHistoryRoutes: FastifyPluginAsyncTypebox<{
  history: SearchHistoryService;
}> = async (app, { history }) => {
  app.get(
    '/v1/history',
    {
      schema: {
        tags,
        summary: 'Your searches, newest first (the newest 1,000 are kept)',
        querystring: HistoryListQuery,
        response: withErrors({ 200: HistoryListResponse }),
      },
    },
    (req) => history.list(requirePrincipal(req).userId, req.query),
  );

  app.delete(
    '/v1/history/:id',
    {
      schema: {
        tags,
        summary: 'Forget one search',
        params: HistoryEntryParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await history.remove(requirePrincipal(req).userId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/history',
    {
      schema: {
        tags,
        summary: 'Forget every search',
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await history.clear(requirePrincipal(req).userId);
      return reply.code(204).send(null);
    },
  );
};
