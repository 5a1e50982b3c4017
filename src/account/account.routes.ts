import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal, requireSession } from '../http/authenticate.js';
import { withErrors } from '../http/schemas.js';
import { clearSessionCookie } from '../http/session-cookie.js';
import { DeleteAccountBody, ExportResponse, MeResponse, NoContent } from './account.schemas.js';
import type { AccountService } from './account.service.js';

export interface AccountRoutesOptions {
  account: AccountService;
  secureCookies: boolean;
}

/** The caller's own account: `GET /v1/me`, `GET /v1/me/export`, `DELETE /v1/me`. */
export const accountRoutes: FastifyPluginAsyncTypebox<AccountRoutesOptions> = async (
  app,
  { account, secureCookies },
) => {
  // Personal answers (one carries the CSRF token) must never sit in a shared cache.
  app.addHook('onRequest', async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in account (session or API key), with the CSRF token for sessions',
        response: withErrors({ 200: MeResponse }),
      },
    },
    (req) => account.me(requirePrincipal(req)),
  );

  app.get(
    '/v1/me/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Everything the account owns, as one JSON document (never a secret)',
        response: withErrors({ 200: ExportResponse }),
      },
    },
    async (req, reply) => {
      const document = await account.export(requirePrincipal(req).userId);
      void reply.header('content-disposition', 'attachment; filename="newsroom-export.json"');
      return document;
    },
  );

  app.delete(
    '/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete the account and everything it owns (web session only; confirm: true)',
        body: DeleteAccountBody,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (req, reply) => {
      await account.deleteAccount(requireSession(req).userId);
      clearSessionCookie(reply, secureCookies);
      return reply.code(204).send(null);
    },
  );
};
