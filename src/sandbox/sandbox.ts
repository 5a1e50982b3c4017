import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { controlRoutes } from './control.routes.js';
import type { SandboxContext } from './context.js';
import { corpusFor } from './corpus/corpus.js';
import { SANDBOX_PREFIXES } from './credentials.js';
import { registerFaultHooks } from './fault-hooks.js';
import { createFaultState, type Faults, type Upstream } from './faults.js';
import { guardianFaultShapes } from './guardian/gateway.js';
import { guardianRoutes } from './guardian/guardian.routes.js';
import { newsapiFaultShapes } from './newsapi/errors.js';
import { newsapiRoutes } from './newsapi/newsapi.routes.js';
import { DEFAULT_QUOTAS } from './quota.js';
import { redditApiRoutes } from './reddit/api.routes.js';
import { authorizeRoutes } from './reddit/authorize.routes.js';
import { redditFaultShapes } from './reddit/fault-shapes.js';
import { createOAuthStore } from './reddit/oauth-store.js';
import { tokenRoutes } from './reddit/token.routes.js';

/**
 * The sandbox: one Fastify server on loopback emulating NewsAPI, the Guardian Content API and
 * Reddit (www and oauth hosts) under path prefixes, over a generated corpus, with runtime faults.
 * It is a test double of external services, separate from the product's app.
 */

export type { Faults, Upstream };

export interface SandboxOptions {
  host?: string;
  port?: number;
  seed?: string;
  redditRedirectUris?: string[];
  tokenLifetimeSeconds?: number;
  quotas?: Partial<{
    newsapiPerDay: number;
    guardianPerSecond: number;
    guardianPerDay: number;
    redditPerWindow: number;
  }>;
  now?: () => Date;
  log?: Logger;
}

export interface Sandbox {
  url: string;
  baseUrls: { newsapi: string; guardian: string; redditAuth: string; redditApi: string };
  faults: { set(upstream: Upstream, faults: Faults): void; reset(): void };
  close(): Promise<void>;
}

export const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:8080/auth/reddit/callback'];

/** Builds the sandbox app (routes, hooks, parsers) without listening. */
export async function buildSandboxApp(options: SandboxOptions = {}): Promise<{
  app: FastifyInstance;
  faults: ReturnType<typeof createFaultState>;
}> {
  const seed = options.seed ?? 'newsroom';
  const now = options.now ?? (() => new Date());
  const context: SandboxContext = {
    seed,
    now,
    corpus: () => corpusFor(seed, now()),
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86_400,
    redditRedirectUris: options.redditRedirectUris ?? DEFAULT_REDIRECT_URIS,
  };
  // Typed as Fastify's logger interface so the instance type stays the default one.
  const logger: FastifyBaseLogger = options.log ?? pino({ level: 'silent' });
  const app = Fastify({
    loggerInstance: logger,
    // One debug line per request (below) instead of Fastify's two info lines: tests and
    // benchmarks send thousands, and query strings carry the sandbox keys.
    logController: new LogController({ disableRequestLogging: true }),
    // Stalled requests never finish on their own; close() must not wait for them.
    forceCloseConnections: true,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) =>
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
  );

  app.addHook('onResponse', async (req, reply) => {
    req.log.debug(
      {
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'Sandbox request',
    );
  });

  const faults = createFaultState(seed);
  registerFaultHooks(app, faults, {
    newsapi: newsapiFaultShapes,
    guardian: guardianFaultShapes,
    reddit: redditFaultShapes,
  });
  const store = createOAuthStore(now, context.tokenLifetimeSeconds);
  await app.register(controlRoutes, { prefix: '/__sandbox', faults, seed });
  await app.register(newsapiRoutes, { prefix: SANDBOX_PREFIXES.newsapi, context });
  await app.register(guardianRoutes, { prefix: SANDBOX_PREFIXES.guardian, context });
  await app.register(authorizeRoutes, { prefix: SANDBOX_PREFIXES.redditAuth, context, store });
  await app.register(tokenRoutes, { prefix: SANDBOX_PREFIXES.redditAuth, store });
  await app.register(redditApiRoutes, { prefix: SANDBOX_PREFIXES.redditApi, context, store });
  return { app, faults };
}

/** Starts the sandbox on loopback (a free port by default) and returns its URLs and controls. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { app, faults } = await buildSandboxApp(options);
  // Build today's corpus now (about a second of CPU) rather than inside the first search, whose
  // providers would otherwise spend part of their deadline waiting for it.
  corpusFor(options.seed ?? 'newsroom', (options.now ?? (() => new Date()))());
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseUrls: {
      newsapi: `${url}${SANDBOX_PREFIXES.newsapi}`,
      guardian: `${url}${SANDBOX_PREFIXES.guardian}`,
      redditAuth: `${url}${SANDBOX_PREFIXES.redditAuth}`,
      redditApi: `${url}${SANDBOX_PREFIXES.redditApi}`,
    },
    faults: { set: (upstream, value) => faults.set(upstream, value), reset: () => faults.reset() },
    close: () => app.close(),
  };
}
