import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type {
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  RouteOptions,
  onRequestHookHandler,
} from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { createAddressQuota, type AddressQuota, type QuotaState } from './address-quota.js';
import type { Redis } from '../redis/redis-client.js';
import type { UserTier } from '../users/user.js';

export interface RateLimitOptions {
  /** Requests per hour for each API key, by its owner's tier. */
  apiKeyHourly: Record<UserTier, number>;
  /** Requests per hour from one address without credentials, on `anonymousRoutes` only. */
  anonymousHourly: number;
  /** Route URLs (as registered) where anonymous requests are limited too: the costly ones. */
  anonymousRoutes: ReadonlySet<string>;
  /** Counts are kept here, shared by every instance; undefined counts in process memory. */
  redis: Redis | undefined;
}

export const RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;
/** The IETF draft headers (RateLimit-*), exposed through CORS so the web app can read them. */
export const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];
/** Routes under this prefix are the API; health probes, docs and the web app are never limited. */
const LIMITED_PREFIX = '/v1/';

type Check = ReturnType<FastifyRequest['server']['createRateLimit']>;

/**
 * Request quotas over a fixed one-hour window: each API key by its owner's tier on every API
 * route, and anonymous callers per address on the routes in `anonymousRoutes`. Web sessions are
 * never counted. Counting goes through @fastify/rate-limit's stores (Redis when configured, a
 * Redis failure lets requests through uncounted: `skipOnError`); what is counted, the headers
 * and the 429 are ours, so the refusal has our error body, and requests that are not limited
 * (sessions, anonymous calls elsewhere) pay one property check and no promise. The gate is a
 * route-level onRequest hook, so it runs after every app-level onRequest hook (authentication
 * sets `req.principal` there) and before the body is read.
 */
export const rateLimits = fp<RateLimitOptions>(
  async (app, options) => {
    await app.register(rateLimit, {
      global: false, // no hook of the plugin's own: the gates below decide what is counted
      timeWindow: RATE_LIMIT_WINDOW_MS,
      keyGenerator: limitKey,
      max: (req) => limitFor(req, options),
      skipOnError: true,
      enableDraftSpec: true,
      cache: 100_000,
      nameSpace: 'newsroom:rate-limit:',
      ...(options.redis === undefined ? {} : { redis: options.redis }),
    });
    const check = app.createRateLimit();
    const addresses = createAddressQuota({
      limit: options.anonymousHourly,
      redis: options.redis,
      now: Date.now,
      log: app.log,
    });
    app.addHook('onClose', async () => {
      addresses.close();
    });
    const keysOnly = gate(check, undefined);
    const keysAndAnonymous = gate(check, addresses);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith(LIMITED_PREFIX)) return;
      appendOnRequest(route, options.anonymousRoutes.has(route.url) ? keysAndAnonymous : keysOnly);
    });
  },
  { name: 'newsroom-rate-limits', dependencies: ['newsroom-authenticate'] },
);

/** `key:<id>` for an API key, `ip:<address>` (an IPv6 /64 counts as one) for anyone else. */
function limitKey(req: FastifyRequest): string {
  const principal = req.principal;
  if (principal?.kind === 'api_key') return `key:${principal.apiKeyId}`;
  return `ip:${normalizeIP(req.ip)}`;
}

function limitFor(req: FastifyRequest, options: RateLimitOptions): number {
  const principal = req.principal;
  return principal?.kind === 'api_key'
    ? options.apiKeyHourly[principal.tier]
    : options.anonymousHourly;
}

function gate(check: Check, addresses: AddressQuota | undefined): onRequestHookHandler {
  // Callback style on purpose: the common unlimited case returns without allocating a promise.
  return function rateLimitGate(req, reply, done) {
    const principal = req.principal;
    if (principal === null) {
      if (addresses === undefined) done();
      else applyAddressQuota(addresses.take(normalizeIP(req.ip)), reply, done);
      return;
    }
    if (principal.kind !== 'api_key') {
      done();
      return;
    }
    check(req).then((limit) => {
      applyLimit(limit, req, reply, done);
    }, done);
  };
}

function applyLimit(
  limit: Awaited<ReturnType<Check>>,
  req: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  // No count when the store failed and skipOnError let the request through (ttl stays 0).
  if (limit.isAllowed || limit.ttl <= 0) {
    done();
    return;
  }
  void reply
    .header('ratelimit-limit', limit.max)
    .header('ratelimit-remaining', limit.remaining)
    .header('ratelimit-reset', limit.ttlInSeconds);
  if (!limit.isExceeded) {
    done();
    return;
  }
  const who =
    req.principal?.kind === 'api_key'
      ? 'this API key'
      : 'anonymous requests from this address (sign in or use an API key for more)';
  done(
    new AppError(
      'rate_limited',
      `Rate limit of ${limit.max} requests per hour reached for ${who}; retry in ${limit.ttlInSeconds} s`,
      { retryAfterMs: limit.ttl },
    ),
  );
}

function applyAddressQuota(
  state: QuotaState,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const resetSeconds = Math.ceil(state.resetMs / 1000);
  void reply
    .header('ratelimit-limit', state.limit)
    .header('ratelimit-remaining', state.remaining)
    .header('ratelimit-reset', resetSeconds);
  if (state.allowed) {
    done();
    return;
  }
  done(
    new AppError(
      'rate_limited',
      `Rate limit of ${String(state.limit)} requests per hour reached for anonymous requests ` +
        `from this address (sign in or use an API key for more); retry in ${String(resetSeconds)} s`,
      { retryAfterMs: state.resetMs },
    ),
  );
}

function appendOnRequest(route: RouteOptions, hook: onRequestHookHandler): void {
  const existing = route.onRequest;
  route.onRequest =
    existing === undefined
      ? [hook]
      : Array.isArray(existing)
        ? [...existing, hook]
        : [existing, hook];
}
