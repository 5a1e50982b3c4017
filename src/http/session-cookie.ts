import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StartedSession } from '../auth/session.service.js';

/** The web session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over HTTPS. */
export const SESSION_COOKIE = 'newsroom_session';

export function sessionToken(req: FastifyRequest): string | undefined {
  const value = req.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

export function setSessionCookie(
  reply: FastifyReply,
  session: StartedSession,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Cookies are marked Secure when the product is served over HTTPS. */
export function cookiesSecure(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https://') ?? false;
}
