import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
} from 'fastify';
import { accountSessionRoutes } from '../account/account-sessions.routes.js';
import { accountRoutes } from '../account/account.routes.js';
import { articleRoutes } from '../articles/article.routes.js';
import { localAuthRoutes } from '../auth/local/local-auth.routes.js';
import { myRedditRoutes } from '../auth/reddit/my-reddit.routes.js';
import { redditAuthRoutes } from '../auth/reddit/reddit-auth.routes.js';
import { ArticleSchema, ArticleSourceSchema } from '../articles/article.schemas.js';
import type { Config } from '../config.js';
import type { Services } from '../deps.js';
import { healthRoutes } from '../health/health.routes.js';
import { insightsRoutes } from '../intelligence/insights/insights.routes.js';
import { providerRoutes } from '../providers/provider.routes.js';
import { ProviderStatusSchema } from '../providers/provider.schemas.js';
import { createPersonalSearch } from '../search/personal-search.js';
import { searchRoutes } from '../search/search.routes.js';
import { savedArticleRoutes } from '../saved/saved-article.routes.js';
import { searchHistoryRoutes } from '../history/search-history.routes.js';
import { preferenceRoutes } from '../preferences/preference.routes.js';
import { ProviderOutcomeSchema, SearchResultSchema } from '../search/search.schemas.js';
import { metricsRoutes } from './metrics.routes.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { authenticate } from './authenticate.js';
import { apiKeyRoutes } from '../api-keys/api-key.routes.js';
import { RATE_LIMIT_HEADERS, rateLimits } from './rate-limits.js';
import { docsPlugin } from './docs.js';
import { errorHandler, frameworkErrorHandler, notFoundHandler } from './error-handler.js';
import { rejectUnstorableInput } from './input-hygiene.js';
import { requestIdFrom } from './request-id.js';
import { RequestLogging } from './request-logging.js';
import { cookiesSecure } from './session-cookie.js';
import { validatorCompilers } from './validator.js';
import { webAppRoutes } from './web-app.routes.js';
import { ErrorResponse } from './schemas.js';

export interface AppOptions {
  config: Config;
  log: Logger;
  services: Services;
  metrics: Metrics;
  /** Extra plugins registered after the product's routes (tests use this for probe routes). */
  plugins?: FastifyPluginAsync[];
}

/** Builds the HTTP app: plugins, every route (an explicit list), the error model. Never listens. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, services } = options;
  // Typed as Fastify's logger interface so the instance type stays the default one.
  const logger: FastifyBaseLogger = options.log;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: requestIdFrom,
    logController: new RequestLogging(options.log),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Longer than the ALB's 60 s idle timeout, so the balancer closes idle connections first.
    keepAliveTimeout: 65_000,
    // While draining, a request already on an open connection is served (with Connection:
    // close) instead of Fastify's bare 503: the dependencies stay open until the server closes.
    return503OnClosing: false,
    schemaController: validatorCompilers(),
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // After validation, before every handler: NULs and infinite numbers are a 400, not a 500.
  app.addHook('preHandler', rejectUnstorableInput);

  for (const schema of [
    ErrorResponse,
    ArticleSourceSchema,
    ArticleSchema,
    ProviderStatusSchema,
    ProviderOutcomeSchema,
    SearchResultSchema,
  ]) {
    app.addSchema(schema);
  }

  const https = config.PUBLIC_URL?.startsWith('https:') ?? false;
  await app.register(helmet, {
    // HSTS only makes sense when this process is reached over HTTPS (behind the ALB).
    hsts: https,
    contentSecurityPolicy: {
      useDefaults: true,
      // Upgrading would break a self-hosted instance served over plain HTTP on a LAN.
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        // The web app shows each story's picture from its outlet; everything else is same-origin.
        imgSrc: ["'self'", 'data:', 'https:'],
      },
    },
  });
  await app.register(cors, {
    origin: parseOrigins(config.CORS_ORIGINS),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'x-cache', 'age', 'retry-after', ...RATE_LIMIT_HEADERS],
    maxAge: 600,
  });
  await app.register(docsPlugin);
  await app.register(authenticate, {
    sessions: services.sessions,
    apiKeys: services.apiKeys,
    attempts: services.attempts,
    badKeysPerIp: config.LOGIN_ATTEMPTS_PER_IP,
  });
  // After authenticate (it reads req.principal), before the routes it adds its gate to.
  await app.register(rateLimits, {
    apiKeyHourly: {
      basic: config.API_KEY_HOURLY_LIMIT_BASIC,
      premium: config.API_KEY_HOURLY_LIMIT_PREMIUM,
    },
    anonymousHourly: config.ANONYMOUS_SEARCH_HOURLY_LIMIT,
    anonymousRoutes: new Set(['/v1/search']),
    redis: services.rateLimitStore,
  });

  // First, so its request-duration hook applies to every route registered after it.
  await app.register(metricsRoutes, { metrics: options.metrics, token: config.METRICS_TOKEN });
  await app.register(healthRoutes, { health: services.health });
  // Built here, over whatever services the app is given (tests substitute some of them).
  const personal = createPersonalSearch({ ...services, log: options.log });
  await app.register(articleRoutes, { articles: services.articles, personal });
  await app.register(providerRoutes, { providers: services.providers });
  await app.register(searchRoutes, { search: personal });
  await app.register(savedArticleRoutes, { saved: services.saved });
  await app.register(searchHistoryRoutes, { history: services.history });
  await app.register(preferenceRoutes, { preferences: services.preferences });
  await app.register(insightsRoutes, { insights: services.insights });
  await app.register(apiKeyRoutes, { apiKeys: services.apiKeys });
  const secureCookies = cookiesSecure(config.PUBLIC_URL);
  await app.register(localAuthRoutes, { localAuth: services.localAuth, secureCookies });
  await app.register(redditAuthRoutes, { redditSignIn: services.redditSignIn, secureCookies });
  await app.register(myRedditRoutes, { myReddit: services.myReddit });
  await app.register(accountSessionRoutes, {
    account: services.account,
    sessions: services.sessions,
    secureCookies,
  });
  await app.register(accountRoutes, { account: services.account, secureCookies });
  // Last: its catch-all serves the web app for every GET path no route above owns.
  await app.register(webAppRoutes);
  for (const plugin of options.plugins ?? []) await app.register(plugin);

  return app;
}

function parseOrigins(value: string): string[] | false {
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  return origins.length === 0 ? false : origins;
}
