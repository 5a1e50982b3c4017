import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../../http/authenticate.js';
import { withErrors } from '../../http/schemas.js';
import { MyRedditHotResponse, MyRedditQuery } from './my-reddit.schemas.js';
import type { MyRedditService } from './my-reddit.service.js';

/** `GET /v1/me/reddit/hot`: the caller's Reddit front page, with their linked Reddit account. */
export const myRedditRoutes: FastifyPluginAsyncTypebox<{ myReddit: MyRedditService }> = async (
  app,
  { myReddit },
) => {
  app.get(
    '/v1/me/reddit/hot',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Hot posts of the subreddits you follow on Reddit (needs Reddit sign-in)',
        description:
          '409 reddit_not_linked when no Reddit account is linked; 401 reddit_reauth_required ' +
          'when Reddit no longer accepts the stored grant (sign in with Reddit again).',
        querystring: MyRedditQuery,
        response: withErrors({ 200: MyRedditHotResponse }),
      },
    },
    (req) => myReddit.hot(requirePrincipal(req).userId, req.query.limit),
  );
};
