import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import type { Corpus, RedditPost, Subreddit } from '../corpus/story.js';
import { param } from '../http.js';
import { account, subscriptionsOf, t5 } from './accounts.js';
import { installApiGuard } from './api-guard.js';
import { listing } from './listing.js';
import type { OAuthStore } from './oauth-store.js';
import { listPosts, resolveSubreddits, searchPosts } from './posts.js';
import { timeFilter, type ListingSort, type SearchSort } from './ranking.js';
import { toRedditJson, type RedditJson } from './serialize.js';
import { t3 } from './t3.js';

/**
 * The emulated oauth.reddit.com: search, subreddit and front-page listings, /api/v1/me and
 * subscriptions. Every path also answers with a `.json` suffix, as Reddit's does.
 */

const SORTS: readonly ListingSort[] = ['hot', 'new', 'top', 'rising', 'controversial'];
const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'hot', 'top', 'new', 'comments'];
const NOT_FOUND = JSON.stringify({ message: 'Not Found', error: 404 });
const JSON_TYPE = 'application/json; charset=UTF-8';

/** Which subreddits a post listing draws from (`single`: one named subreddit); null answers 404. */
type Scope = (req: FastifyRequest, corpus: Corpus) => { subs: Subreddit[]; single: boolean } | null;

const truthy = (value: string | undefined): boolean =>
  value === '1' || value === 'on' || value === 'true';
const postChild = (post: RedditPost) => ({
  kind: 't3' as const,
  name: `t3_${post.id}`,
  data: t3(post),
});

export const redditApiRoutes: FastifyPluginAsync<{
  context: SandboxContext;
  store: OAuthStore;
}> = async (app, { context, store }) => {
  const guard = installApiGuard(app, context, store);
  const nowSeconds = (): number => Math.floor(context.now().getTime() / 1000);
  const send = (req: FastifyRequest, reply: FastifyReply, body: RedditJson): FastifyReply =>
    reply
      .code(200)
      .type(JSON_TYPE)
      .send(toRedditJson(body, param(req.query, 'raw_json') === '1'));
  const get = (
    path: string,
    handler: (req: FastifyRequest, reply: FastifyReply) => FastifyReply,
  ): void => {
    app.get(path, async (req, reply) => handler(req, reply));
    app.get(`${path}.json`, async (req, reply) => handler(req, reply));
  };

  get('/api/v1/me', (req, reply) => {
    const denied = guard.forbid(req, reply, 'identity', true);
    return denied ?? send(req, reply, account(guard.token(req).grant.user ?? ''));
  });

  get('/subreddits/mine/subscriber', (req, reply) => {
    const denied = guard.forbid(req, reply, 'mysubreddits', true);
    if (denied !== null) return denied;
    const subs = subscriptionsOf(guard.token(req).grant.user ?? '', context.corpus());
    return send(
      req,
      reply,
      listing(
        subs,
        req.query,
        (s) => `t5_${s.id36}`,
        (s) => ({ kind: 't5', name: `t5_${s.id36}`, data: t5(s, true) }),
      ),
    );
  });

  const search = (req: FastifyRequest, reply: FastifyReply, sub: string | null): FastifyReply => {
    const denied = guard.forbid(req, reply, 'read', false);
    if (denied !== null) return denied;
    const corpus = context.corpus();
    const subs = sub === null ? null : resolveSubreddits(sub, corpus);
    if (sub !== null && subs === null) return reply.code(404).type(JSON_TYPE).send(NOT_FOUND);
    const q = param(req.query, 'q') ?? '';
    const types = (param(req.query, 'type') ?? 'link').split(',');
    const restrict = sub !== null && truthy(param(req.query, 'restrict_sr'));
    if (!types.includes('link')) {
      const found = types.includes('sr')
        ? corpus.subreddits.filter((s) =>
            `${s.name} ${s.title}`.toLowerCase().includes(q.toLowerCase().trim()),
          )
        : [];
      return send(
        req,
        reply,
        listing(
          found,
          req.query,
          (s) => `t5_${s.id36}`,
          (s) => ({ kind: 't5', name: `t5_${s.id36}`, data: t5(s, false) }),
          { facets: true },
        ),
      );
    }
    const sortRaw = param(req.query, 'sort') as SearchSort | undefined;
    const posts = searchPosts(corpus, {
      q,
      subs: restrict ? subs : null,
      sort: sortRaw !== undefined && SEARCH_SORTS.includes(sortRaw) ? sortRaw : 'relevance',
      t: timeFilter(param(req.query, 't')),
      includeOver18: truthy(param(req.query, 'include_over_18')),
      nowSeconds: nowSeconds(),
    });
    return send(
      req,
      reply,
      listing(posts, req.query, (p) => `t3_${p.id}`, postChild, { facets: true }),
    );
  };
  get('/search', (req, reply) => search(req, reply, null));
  get('/r/:sub/search', (req, reply) => search(req, reply, (req.params as { sub: string }).sub));

  const postListing = (
    req: FastifyRequest,
    reply: FastifyReply,
    sort: ListingSort,
    scope: Scope,
  ): FastifyReply => {
    const denied = guard.forbid(req, reply, 'read', false);
    if (denied !== null) return denied;
    const corpus = context.corpus();
    const scoped = scope(req, corpus);
    if (scoped === null) return reply.code(404).type(JSON_TYPE).send(NOT_FOUND);
    const posts = listPosts(
      corpus,
      scoped.subs,
      sort,
      timeFilter(param(req.query, 't')),
      nowSeconds(),
      scoped.single,
    );
    return send(
      req,
      reply,
      listing(
        posts,
        req.query,
        (p) => `t3_${p.id}`,
        postChild,
        sort === 'hot' ? { geoFilter: '' } : {},
      ),
    );
  };

  const subreddit: Scope = (req, corpus) => {
    const name = (req.params as { sub: string }).sub;
    const subs = resolveSubreddits(name, corpus);
    return subs === null ? null : { subs, single: subs.length === 1 && !name.includes('+') };
  };

  // The front page: a user's subscriptions, or everything safe-for-work for app-only tokens.
  const frontPage: Scope = (req, corpus) => {
    const user = guard.token(req).grant.user;
    const subs =
      user === null ? corpus.subreddits.filter((s) => !s.over18) : subscriptionsOf(user, corpus);
    return { subs, single: false };
  };

  get('/r/:sub', (req, reply) => postListing(req, reply, 'hot', subreddit));
  for (const sort of SORTS) {
    get(`/r/:sub/${sort}`, (req, reply) => postListing(req, reply, sort, subreddit));
    get(`/${sort}`, (req, reply) => postListing(req, reply, sort, frontPage));
  }
  get('/best', (req, reply) => postListing(req, reply, 'hot', frontPage));
  get('/', (req, reply) => postListing(req, reply, 'hot', frontPage));
};
