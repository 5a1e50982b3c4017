import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply } from 'fastify';
import { withErrors } from '../../http/schemas.js';
import { sessionToken, setSessionCookie } from '../../http/session-cookie.js';
import { signInErrorPage } from './error-page.js';
import { CallbackQuery, LoginQuery, Redirect } from './reddit-auth.schemas.js';
import { OAUTH_STATE_TTL_MS, type RedditSignInService } from './reddit-sign-in.service.js';

export interface RedditAuthRoutesOptions {
  redditSignIn: RedditSignInService;
  /** Mark cookies Secure (the product is served over HTTPS). */
  secureCookies: boolean;
}

/** Binds a sign-in to the browser that started it; sent only to the callback, gone after it. */
export const OAUTH_COOKIE = 'newsroom_oauth';
const OAUTH_COOKIE_PATH = '/auth/reddit';

/**
 * Sign in with Reddit: `GET /auth/reddit/login` sends the browser to Reddit, Reddit sends it
 * back to `GET /auth/reddit/callback`. Both answer people, so failures are HTML pages.
 */
export const redditAuthRoutes: FastifyPluginAsyncTypebox<RedditAuthRoutesOptions> = async (
  app,
  { redditSignIn, secureCookies },
) => {
  // Encapsulated: only these two routes answer errors with a page.
  app.setErrorHandler<FastifyError>((error, req, reply) => {
    clearOAuthCookie(reply, secureCookies);
    return signInErrorPage(error, req, reply);
  });

  app.get(
    '/auth/reddit/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with Reddit: redirects to Reddit to ask for consent',
        querystring: LoginQuery,
        response: withErrors({ 302: Redirect }),
      },
    },
    async (req, reply) => {
      const started = await redditSignIn.start(req.query);
      void reply.setCookie(OAUTH_COOKIE, started.browserNonce, {
        path: OAUTH_COOKIE_PATH,
        httpOnly: true,
        // Lax: sent on Reddit's top-level redirect back to us, never on cross-site subrequests.
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: OAUTH_STATE_TTL_MS / 1000,
      });
      return reply.redirect(started.location, 302);
    },
  );

  app.get(
    '/auth/reddit/callback',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Where Reddit sends the browser back: signs in and redirects to returnTo',
        description: 'Failures are an HTML page (400 oauth_failed, 502 when Reddit is down).',
        querystring: CallbackQuery,
        response: withErrors({ 302: Redirect }),
      },
    },
    async (req, reply) => {
      const finished = await redditSignIn.finish({
        state: req.query.state,
        code: req.query.code,
        error: req.query.error,
        browserNonce: req.cookies[OAUTH_COOKIE],
        currentSessionToken: sessionToken(req),
        signedInUserId: req.principal?.kind === 'session' ? req.principal.userId : undefined,
        userAgent: req.headers['user-agent'],
      });
      clearOAuthCookie(reply, secureCookies);
      setSessionCookie(reply, finished.session, secureCookies);
      return reply.redirect(finished.returnTo, 302);
    },
  );
};

function clearOAuthCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(OAUTH_COOKIE, {
    path: OAUTH_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}
