import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { sendRaw } from '../http.js';
import { createWindowCounter } from '../quota.js';
import { rejectUserAgent } from './client-auth.js';
import { throttledResponse } from './fault-shapes.js';
import { UNAUTHORIZED_HTML } from './html.js';
import type { AccessToken, OAuthStore } from './oauth-store.js';
import { hasScope } from './scopes.js';

/**
 * The gate in front of oauth.reddit.com: User-Agent policy, the 600-second request window with
 * its X-Ratelimit-* headers on every answer, and bearer tokens (401 with WWW-Authenticate and an
 * HTML body when missing, expired or revoked).
 */

const WINDOW_MS = 600_000;

export interface ApiGuard {
  /** The authenticated token of a request the guard let through. */
  token(req: FastifyRequest): AccessToken;
  /** Null when the token may call an endpoint needing `scope` (and a user, if `needsUser`). */
  forbid(
    req: FastifyRequest,
    reply: FastifyReply,
    scope: string,
    needsUser: boolean,
  ): FastifyReply | null;
}

/** Installs the guard as an onRequest hook of the (encapsulated) API plugin. */
export function installApiGuard(
  app: FastifyInstance,
  context: SandboxContext,
  store: OAuthStore,
): ApiGuard {
  const window = createWindowCounter(WINDOW_MS, context.quotas.redditPerWindow, context.now);
  const tokens = new WeakMap<FastifyRequest, AccessToken>();
  let throttled = 0;

  app.addHook('onRequest', async (req, reply) => {
    const blocked = rejectUserAgent(req, reply);
    if (blocked !== null) return blocked;
    const bearer = /^bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '')?.[1];
    const token = bearer === undefined ? null : store.authenticate(bearer);
    const state = window.hit(token?.grant.clientId ?? `ip:${req.ip}`);
    void reply.headers({
      'x-ratelimit-used': String(state.used),
      'x-ratelimit-remaining': state.remaining.toFixed(1),
      'x-ratelimit-reset': String(state.resetSeconds),
    });
    if (!state.allowed) {
      throttled += 1;
      return sendRaw(reply, throttledResponse(state.resetSeconds, throttled));
    }
    if (token === null) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="reddit", error="invalid_token"')
        .type('text/html; charset=utf-8')
        .send(UNAUTHORIZED_HTML);
    }
    tokens.set(req, token);
    return undefined;
  });

  return {
    token(req) {
      const token = tokens.get(req);
      if (token === undefined) throw new Error('Reddit API route reached without a token');
      return token;
    },
    forbid(req, reply, scope, needsUser) {
      const token = this.token(req);
      const type = 'application/json; charset=UTF-8';
      if (needsUser && token.grant.user === null) {
        return reply
          .code(403)
          .type(type)
          .send(JSON.stringify({ message: 'Forbidden', error: 403 }));
      }
      if (!hasScope(token.grant.scopes, scope)) {
        return reply
          .code(403)
          .header('www-authenticate', 'Bearer realm="reddit", error="insufficient_scope"')
          .type(type)
          .send(JSON.stringify({ error: 403 }));
      }
      return null;
    },
  };
}
