import type { FastifyRequest } from 'fastify';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { param } from '../http.js';
import type { WindowCounter } from '../quota.js';
import { MESSAGES, type NewsapiError } from './errors.js';

/**
 * NewsAPI's gatekeeping, in its order: a key (query `apiKey`, case-sensitive, else `X-Api-Key`,
 * else `Authorization` with or without "Bearer "), the developer plan's daily quota, and its
 * browser rule (only localhost origins).
 */

/** The API key a request carries, from the first of the three places that has one. */
export function apiKeyOf(req: FastifyRequest): string | undefined {
  const fromQuery = param(req.query, 'apiKey');
  if (fromQuery !== undefined && fromQuery !== '') return fromQuery;
  const header = req.headers['x-api-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined && fromHeader !== '') return fromHeader;
  const authorization = req.headers.authorization?.trim();
  if (authorization === undefined || authorization === '') return undefined;
  return authorization.replace(/^Bearer\s+/i, '');
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalOrigin(origin: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** Null when the request may proceed, else the error NewsAPI would answer with. */
export function checkAccess(req: FastifyRequest, perDay: WindowCounter): NewsapiError | null {
  const key = apiKeyOf(req);
  if (key === undefined)
    return { status: 401, code: 'apiKeyMissing', message: MESSAGES.apiKeyMissing };
  if (key !== SANDBOX_CREDENTIALS.newsapiKey) {
    return { status: 401, code: 'apiKeyInvalid', message: MESSAGES.apiKeyInvalid };
  }
  if (!perDay.hit(key).allowed) {
    return { status: 429, code: 'rateLimited', message: MESSAGES.rateLimited };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLocalOrigin(origin)) {
    return { status: 426, code: 'corsNotAllowed', message: MESSAGES.corsNotAllowed };
  }
  return null;
}
