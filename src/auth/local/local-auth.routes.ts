import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withErrors } from '../../http/schemas.js';
import { sessionToken, setSessionCookie } from '../../http/session-cookie.js';
import { LoginBody, RegisterBody, SignedInResponse } from './local-auth.schemas.js';
import type { LocalAuthService, SignedIn, SignInContext } from './local-auth.service.js';

export interface LocalAuthRoutesOptions {
  localAuth: LocalAuthService;
  /** Mark the session cookie Secure (the product is served over HTTPS). */
  secureCookies: boolean;
}

/** Email-and-password accounts: `POST /auth/register` and `POST /auth/login`. */
export const localAuthRoutes: FastifyPluginAsyncTypebox<LocalAuthRoutesOptions> = async (
  app,
  { localAuth, secureCookies },
) => {
  const signedIn = (reply: FastifyReply, result: SignedIn) => {
    setSessionCookie(reply, result.session, secureCookies);
    return { user: result.user, csrfToken: result.session.csrfToken };
  };

  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account with an email and password, and sign in (sets the cookie)',
        body: RegisterBody,
        response: withErrors({ 201: SignedInResponse }),
      },
    },
    async (req, reply) =>
      signedIn(reply.code(201), await localAuth.register(req.body, signInContext(req))),
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with an email and password (sets the session cookie)',
        body: LoginBody,
        response: withErrors({ 200: SignedInResponse }),
      },
    },
    async (req, reply) => signedIn(reply, await localAuth.login(req.body, signInContext(req))),
  );
};

function signInContext(req: FastifyRequest): SignInContext {
  return { ip: req.ip, userAgent: req.headers['user-agent'], replacing: sessionToken(req) };
}
