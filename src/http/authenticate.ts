import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AttemptLimiter } from '../auth/attempt-limiter.js';
import type { ApiKeyVerifier, Principal } from '../auth/principal.js';
import { secretsEqual } from '../auth/secret-token.js';
import type { SessionService } from '../auth/session.service.js';
import { AppError } from '../errors.js';
import { sessionToken } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for; null when anonymous. Set by the authenticate plugin. */
    principal: Principal | null;
  }
}

export interface AuthenticateOptions {
  sessions: SessionService;
  apiKeys: ApiKeyVerifier;
  attempts: AttemptLimiter;
  /** Invalid API keys allowed per IP per throttle window before 429. */
  badKeysPerIp: number;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Resolves who a request acts for, once, before routing: `Authorization: Bearer <api key>` (a
 * present but wrong key is a 401, never a silent fall back to anonymous; guessing is throttled
 * per IP), else the session cookie. A cookie is ambient authority, so a cookie-authenticated
 * state-changing request must also carry the session's CSRF token in `X-CSRF-Token`, which a
 * cross-site page cannot read; and no state-changing request without a bearer key is accepted
 * from a cross-site context at all (Sec-Fetch-Site), which also stops login CSRF.
 */
export const authenticate = fp<AuthenticateOptions>(
  async (app, options) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (req) => {
      // Prometheus scrapes carry their own bearer token (METRICS_TOKEN), not an API key.
      if (req.routeOptions.url === '/metrics') return;
      const authorization = req.headers.authorization;
      if (authorization !== undefined) {
        req.principal = await fromApiKey(req, authorization, options);
        return;
      }
      if (UNSAFE_METHODS.has(req.method) && req.headers['sec-fetch-site'] === 'cross-site') {
        throw new AppError('csrf_failed', 'Cross-site requests may not change state');
      }
      const token = sessionToken(req);
      if (token === undefined) return;
      const session = await options.sessions.resolve(token);
      if (session === undefined) return;
      if (UNSAFE_METHODS.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !secretsEqual(sent, session.csrfToken)) {
          throw new AppError(
            'csrf_failed',
            `Missing or wrong ${CSRF_HEADER} header for a cookie-authenticated request`,
          );
        }
      }
      req.principal = session;
    });
  },
  { name: 'newsroom-authenticate' },
);

async function fromApiKey(
  req: FastifyRequest,
  authorization: string,
  options: AuthenticateOptions,
): Promise<Principal> {
  const match = /^Bearer +(\S{1,200})$/i.exec(authorization);
  if (match?.[1] === undefined) {
    throw new AppError('unauthorized', 'Authorization must be "Bearer <API key>"');
  }
  const ipKey = `apikey:ip:${req.ip}`;
  const gate = await options.attempts.check(ipKey, options.badKeysPerIp);
  if (!gate.allowed) {
    throw new AppError('too_many_attempts', 'Too many invalid API keys from this address', {
      retryAfterMs: gate.retryAfterMs,
    });
  }
  const key = await options.apiKeys.verify(match[1]);
  if (key === undefined) {
    await options.attempts.fail(ipKey);
    throw new AppError('unauthorized', 'Invalid or revoked API key');
  }
  return { kind: 'api_key', ...key };
}

/** The signed-in principal, or 401: for routes that act on the caller's own data. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (req.principal === null) {
    throw new AppError('unauthorized', 'Sign in or send an API key to use this endpoint');
  }
  return req.principal;
}

/** A web session (not an API key), or 401/403: for managing keys, sessions and the account. */
export function requireSession(req: FastifyRequest): Extract<Principal, { kind: 'session' }> {
  const principal = requirePrincipal(req);
  if (principal.kind !== 'session') {
    throw new AppError('forbidden', 'This endpoint needs a signed-in web session, not an API key');
  }
  return principal;
}
