import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { createWindowCounter } from '../quota.js';
import { toNewsapiArticle, type Endpoint } from './articles.js';
import { checkAccess } from './auth.js';
import { NEWSAPI_HEADERS, sendError, type NewsapiError } from './errors.js';
import { parseEverything, parseTopHeadlines } from './params.js';
import { newsapiRows, type NewsapiRow } from './rows.js';
import { searchEverything, searchTopHeadlines } from './search.js';
import { listSources } from './sources.js';

/** The emulated newsapi.org: /v2/everything, /v2/top-headlines and the source catalogue. */
export const newsapiRoutes: FastifyPluginAsync<{ context: SandboxContext }> = async (
  app,
  { context },
) => {
  const perDay = createWindowCounter(86_400_000, context.quotas.newsapiPerDay, context.now);

  const send = (reply: FastifyReply, body: unknown): FastifyReply =>
    reply
      .code(200)
      .headers(NEWSAPI_HEADERS)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body));

  const page = (
    reply: FastifyReply,
    rows: NewsapiRow[],
    p: { page: number; pageSize: number },
    endpoint: Endpoint,
  ) => {
    const seed = context.corpus().seed;
    const slice = rows.slice((p.page - 1) * p.pageSize, p.page * p.pageSize);
    return send(reply, {
      status: 'ok',
      totalResults: rows.length,
      articles: slice.map((row) => toNewsapiArticle(row, seed, endpoint)),
    });
  };

  const guarded =
    (handler: (req: FastifyRequest, reply: FastifyReply) => FastifyReply) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const denied = checkAccess(req, perDay);
      return denied === null ? handler(req, reply) : sendError(reply, denied);
    };

  const orError = (parsed: object): parsed is NewsapiError =>
    'code' in parsed && 'status' in parsed;

  app.get(
    '/v2/everything',
    guarded((req, reply) => {
      const corpus = context.corpus();
      const parsed = parseEverything(req.query, corpus.anchor);
      if (orError(parsed)) return sendError(reply, parsed);
      return page(reply, searchEverything(newsapiRows(corpus), parsed), parsed, 'everything');
    }),
  );

  app.get(
    '/v2/top-headlines',
    guarded((req, reply) => {
      const corpus = context.corpus();
      const parsed = parseTopHeadlines(req.query);
      if (orError(parsed)) return sendError(reply, parsed);
      const rows = searchTopHeadlines(newsapiRows(corpus), parsed, corpus.anchor);
      return page(reply, rows, parsed, 'top-headlines');
    }),
  );

  const sources = guarded((req, reply) =>
    send(reply, { status: 'ok', sources: listSources(req.query) }),
  );
  app.get('/v2/top-headlines/sources', sources);
  app.get('/v2/sources', sources);
};
