import type { FastifyReply, FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { BLOCKED_HTML, whoaThereHtml } from './html.js';
import { judgeUserAgent } from './user-agent.js';

/**
 * Guards for www.reddit.com's server-to-server endpoints (access_token, revoke_token): a usable
 * User-Agent, then HTTP Basic client credentials. Failures get Reddit's bodies.
 */

export const JSON_TYPE = 'application/json; charset=UTF-8';

/** The client id when the Basic credentials are the sandbox app's, else null. */
export function basicClient(req: FastifyRequest): string | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const id = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const ok =
    id === SANDBOX_CREDENTIALS.redditClientId && secret === SANDBOX_CREDENTIALS.redditClientSecret;
  return ok ? id : null;
}

/** Sends Reddit's generic `{"message","error":<int>}` body. */
export function sendGenericError(
  reply: FastifyReply,
  status: number,
  message: string,
): FastifyReply {
  return reply
    .code(status)
    .type(JSON_TYPE)
    .send(JSON.stringify({ message, error: status }));
}

/** Rejects requests whose User-Agent Reddit would block or throttle; null when it passes. */
export function rejectUserAgent(req: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const verdict = judgeUserAgent(req.headers['user-agent']);
  if (verdict === 'ok') return null;
  if (verdict === 'blocked')
    return reply.code(403).type('text/html; charset=utf-8').send(BLOCKED_HTML);
  return reply
    .code(429)
    .header('retry-after', '60')
    .type('text/html; charset=utf-8')
    .send(whoaThereHtml(60));
}

/** The form fields of a urlencoded body; anything else (JSON, none) reads as no fields. */
export function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || !(body instanceof URLSearchParams)) return {};
  return Object.fromEntries(body);
}
