import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SessionService } from '../auth/session.service.js';
import { requireSession } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import { clearSessionCookie } from '../http/session-cookie.js';
import { NoContent, SessionIdParams, SessionListResponse } from './account.schemas.js';
import type { AccountService } from './account.service.js';

export interface SessionRoutesOptions {
  account: AccountService;
  sessions: SessionService;
  secureCookies: boolean;
}

/**
 * Signing out and the user's web sessions. Web session only: an API key cannot sign anyone out
 * or see where they are signed in.
 */
export const accountSessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (
  app,
  { account, sessions, secureCookies },
) => {
  app.addHook('onRequest', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out: end this session and clear its cookie',
        response: withErrors({ 204: NoContent }),
      },
    },
    async (req, reply) => {
      const session = requireSession(req);
      await sessions.end(session.userId, session.sessionId);
      clearSessionCookie(reply, secureCookies);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out everywhere: end every session of this user, this one included',
        response: withErrors({ 204: NoContent }),
      },
    },
    async (req, reply) => {
      await sessions.endAll(requireSession(req).userId);
      clearSessionCookie(reply, secureCookies);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/me/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: "The user's live sessions (devices signed in), newest first",
        response: withErrors({ 200: SessionListResponse }),
      },
    },
    async (req) => {
      const session = requireSession(req);
      const list = await account.listSessions(session.userId, session.sessionId);
      return { sessions: list };
    },
  );

  app.delete(
    '/v1/me/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End one of your sessions (sign a device out)',
        params: SessionIdParams,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (req, reply) => {
      const session = requireSession(req);
      await account.endSession(session.userId, req.params.id);
      if (req.params.id === session.sessionId) clearSessionCookie(reply, secureCookies);
      return reply.code(204).send(null);
    },
  );
};
