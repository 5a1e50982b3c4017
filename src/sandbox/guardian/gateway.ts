import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import type { FaultShapes } from '../faults.js';
import { param } from '../http.js';
import { createWindowCounter } from '../quota.js';

/**
 * The Kong gateway in front of the Content API: it checks `api-key` and the key's per-second and
 * per-day quotas before the API runs, and answers in its own flat `{"message": ...}` shape, not
 * in the API's `response` envelope.
 */

export const JSON_TYPE = 'application/json; charset=utf-8';

const kong = (reply: FastifyReply, status: number, message: string): FastifyReply =>
  reply.code(status).type(JSON_TYPE).send(JSON.stringify({ message }));

export interface Gateway {
  /** Null when the request may reach the API (quota headers set), else the reply already sent. */
  admit(req: FastifyRequest, reply: FastifyReply): FastifyReply | null;
}

/** A gateway counting quotas with the context's clock and limits. */
export function createGateway(context: SandboxContext): Gateway {
  const perSecond = createWindowCounter(1000, context.quotas.guardianPerSecond, context.now);
  const perDay = createWindowCounter(86_400_000, context.quotas.guardianPerDay, context.now);
  return {
    admit(req, reply) {
      const key = param(req.query, 'api-key');
      if (key === undefined || key === '') {
        void reply.header('www-authenticate', 'Key realm="kong"');
        return kong(reply, 401, 'No API key found in request');
      }
      if (key !== SANDBOX_CREDENTIALS.guardianKey) {
        return kong(reply, 401, 'Invalid authentication credentials');
      }
      // Peek first: throttled calls are not counted against the quota.
      const day = perDay.peek(key);
      if (perSecond.peek(key).remaining === 0 || day.remaining === 0) {
        void reply.header('retry-after', String(day.remaining === 0 ? day.resetSeconds : 1));
        return kong(reply, 429, 'API rate limit exceeded');
      }
      const s = perSecond.hit(key);
      const d = perDay.hit(key);
      void reply.headers({
        'x-ratelimit-limit-second': String(s.limit),
        'x-ratelimit-remaining-second': String(s.remaining),
        'x-ratelimit-limit-day': String(d.limit),
        'x-ratelimit-remaining-day': String(d.remaining),
      });
      return null;
    },
  };
}

/** The Guardian failing: Kong's upstream errors or the API's own 500, and Kong's 429. */
export const guardianFaultShapes: FaultShapes = {
  serverError(roll) {
    if (roll < 0.34) {
      return {
        status: 500,
        contentType: JSON_TYPE,
        body: JSON.stringify({ response: { status: 'error', message: 'Internal server error' } }),
      };
    }
    return roll < 0.67
      ? {
          status: 502,
          contentType: JSON_TYPE,
          body: JSON.stringify({
            message: 'An invalid response was received from the upstream server',
          }),
        }
      : {
          status: 504,
          contentType: JSON_TYPE,
          body: JSON.stringify({ message: 'The upstream server is timing out' }),
        };
  },
  rateLimited: (retryAfterSeconds) => ({
    status: 429,
    contentType: JSON_TYPE,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining-second': '0' },
    body: JSON.stringify({ message: 'API rate limit exceeded' }),
  }),
  wrongShape: JSON.stringify({
    response: { status: 'ok', userTier: 'developer', total: '3', results: { 0: { id: 1 } } },
  }),
};
