import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.js';
import { matches, score, type SearchFields } from '../search/match.js';
import { guardianStories, toContent, type GuardianStory } from './content.js';
import { createGateway, JSON_TYPE } from './gateway.js';
import { parseSearch, type SearchRequest } from './params.js';

/** The emulated content.guardianapis.com: /search and single items, behind the Kong gateway. */
export const guardianRoutes: FastifyPluginAsync<{ context: SandboxContext }> = async (
  app,
  { context },
) => {
  const gateway = createGateway(context);
  const send = (
    reply: FastifyReply,
    status: number,
    response: Record<string, unknown>,
  ): FastifyReply => reply.code(status).type(JSON_TYPE).send(JSON.stringify({ response }));
  const apiError = (reply: FastifyReply, status: number, message: string): FastifyReply =>
    send(reply, status, { status: 'error', message });

  app.get('/search', async (req, reply) => {
    const blocked = gateway.admit(req, reply);
    if (blocked !== null) return blocked;
    const parsed = parseSearch(req.query);
    if ('error' in parsed) return apiError(reply, 400, parsed.error);
    const corpus = context.corpus();
    const found = search(guardianStories(corpus), parsed);
    const total = found.length;
    const pages = Math.ceil(total / parsed.pageSize);
    if (parsed.page > Math.max(pages, 1)) {
      return apiError(reply, 400, 'requested page is beyond the number of available pages');
    }
    const start = (parsed.page - 1) * parsed.pageSize;
    return send(reply, 200, {
      status: 'ok',
      userTier: 'developer',
      total,
      startIndex: total === 0 ? 0 : start + 1,
      pageSize: parsed.pageSize,
      currentPage: parsed.page,
      pages,
      orderBy: parsed.orderBy,
      results: found
        .slice(start, start + parsed.pageSize)
        .map((item) => toContent(item, parsed.showFields, corpus.anchor)),
    });
  });

  // Any other path is a content id, e.g. /environment/2026/mar/14/slug.
  app.get('/*', async (req, reply) => {
    const blocked = gateway.admit(req, reply);
    if (blocked !== null) return blocked;
    const id = (req.params as { '*': string })['*'].replace(/\/$/, '');
    const parsed = parseSearch(req.query);
    const corpus = context.corpus();
    const item = guardianStories(corpus).find((s) => s.meta.id === id);
    if (item === undefined)
      return apiError(reply, 404, 'The requested resource could not be found.');
    const showFields = 'error' in parsed ? null : parsed.showFields;
    return send(reply, 200, {
      status: 'ok',
      userTier: 'developer',
      total: 1,
      content: toContent(item, showFields, corpus.anchor),
    });
  });
};

function fieldsOf(item: GuardianStory): SearchFields {
  const { search } = item.story;
  return [
    [search.title, 3],
    [search.description, 2],
    [search.body, 1],
  ];
}

function search(items: readonly GuardianStory[], req: SearchRequest): GuardianStory[] {
  const found: { item: GuardianStory; score: number }[] = [];
  for (const item of items) {
    if (req.from !== null && item.published < req.from) continue;
    if (req.to !== null && item.published > req.to) continue;
    if (req.lang !== null && item.story.language !== req.lang) continue;
    if (
      req.section !== null &&
      !req.section.every((c) => c.ids.includes(item.meta.sectionId) !== c.negated)
    )
      continue;
    if (req.query !== null && !matches(req.query, fieldsOf(item))) continue;
    found.push({
      item,
      score:
        req.orderBy === 'relevance' && req.query !== null ? score(req.query, fieldsOf(item)) : 0,
    });
  }
  if (req.orderBy === 'oldest') found.reverse();
  if (req.orderBy === 'relevance') found.sort((a, b) => b.score - a.score);
  return found.map((f) => f.item);
}
