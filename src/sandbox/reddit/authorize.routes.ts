import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { authorizeErrorHtml, consentHtml } from './html.js';
import type { OAuthStore } from './oauth-store.js';
import { parseScopes } from './scopes.js';
import { formFields } from './client-auth.js';

/**
 * The browser half of Reddit's code flow: GET /api/v1/authorize(.compact) renders a consent page;
 * its form POSTs back here and the sandbox redirects to `redirect_uri?state=…&code=…` or
 * `?state=…&error=access_denied`. A bad client_id or redirect_uri gets an error page instead of a
 * redirect, since the redirect target is untrusted.
 */

const HTML = 'text/html; charset=utf-8';
export const DEFAULT_USER = 'sandbox_reader';

type Checked =
  { ok: true; redirectUri: string; state: string; scopes: string[]; permanent: boolean } | Refusal;
/** An error page when the redirect target is not trusted, else a redirect carrying `error`. */
type Refusal = { ok: false; page: string } | { ok: false; location: string };

function check(fields: Record<string, string | undefined>, registered: readonly string[]): Checked {
  if (fields.client_id !== SANDBOX_CREDENTIALS.redditClientId)
    return { ok: false, page: 'invalid client id' };
  const redirectUri = fields.redirect_uri ?? '';
  if (!registered.includes(redirectUri))
    return { ok: false, page: 'invalid redirect_uri parameter' };
  const state = fields.state ?? '';
  const fail = (error: string): Refusal => ({
    ok: false,
    location: withParams(redirectUri, { state, error }),
  });
  if (fields.response_type !== 'code') return fail('unsupported_response_type');
  if (state === '' || !/^[\x20-\x7e]+$/.test(state)) return fail('invalid_request');
  const duration = fields.duration ?? 'temporary';
  if (duration !== 'temporary' && duration !== 'permanent') return fail('invalid_request');
  const scopes = parseScopes(fields.scope);
  if (scopes === null) return fail('invalid_scope');
  return { ok: true, redirectUri, state, scopes, permanent: duration === 'permanent' };
}

function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  // Reddit appends this "fix fragment" to its redirects since 2021.
  url.hash = '_';
  return url.toString();
}

const refuse = (reply: FastifyReply, refusal: Refusal): FastifyReply =>
  'page' in refusal
    ? reply.code(400).type(HTML).send(authorizeErrorHtml(refusal.page))
    : reply.redirect(refusal.location, 302);

export const authorizeRoutes: FastifyPluginAsync<{
  context: SandboxContext;
  store: OAuthStore;
}> = async (app, { context, store }) => {
  for (const path of ['/api/v1/authorize', '/api/v1/authorize.compact']) {
    app.get(path, async (req, reply) => {
      const fields = req.query as Record<string, string | undefined>;
      const checked = check(fields, context.redditRedirectUris);
      if (!checked.ok) return refuse(reply, checked);
      const keep = ['client_id', 'response_type', 'state', 'redirect_uri', 'duration', 'scope'];
      return reply.type(HTML).send(
        consentHtml({
          action: `${app.prefix}${path}`,
          fields: Object.fromEntries(keep.map((k) => [k, fields[k] ?? ''])),
          scopes: checked.scopes,
          user: DEFAULT_USER,
        }),
      );
    });

    app.post(path, async (req, reply) => {
      const fields = formFields(req.body);
      const checked = check(fields, context.redditRedirectUris);
      if (!checked.ok) return refuse(reply, checked);
      if (fields.authorize !== 'Allow') {
        return reply.redirect(
          withParams(checked.redirectUri, { state: checked.state, error: 'access_denied' }),
          302,
        );
      }
      const user = /^[A-Za-z0-9_-]{3,20}$/.test(fields.username ?? '')
        ? (fields.username ?? DEFAULT_USER)
        : DEFAULT_USER;
      const code = store.issueCode({
        clientId: SANDBOX_CREDENTIALS.redditClientId,
        redirectUri: checked.redirectUri,
        scopes: checked.scopes,
        permanent: checked.permanent,
        user,
      });
      return reply.redirect(withParams(checked.redirectUri, { state: checked.state, code }), 302);
    });
  }
};
