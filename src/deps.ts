import { accountExportSections } from './account/account-export.js';
import { createAccountService, type AccountService } from './account/account.service.js';
import { createApiKeyService, type ApiKeyService } from './api-keys/api-key.service.js';
import { createArticleService, type ArticleService } from './articles/article.service.js';
import {
  createMemoryAttemptLimiter,
  createRedisAttemptLimiter,
  type AttemptLimiter,
} from './auth/attempt-limiter.js';
import { createSessionService, type SessionService } from './auth/session.service.js';
import { createMyRedditService, type MyRedditService } from './auth/reddit/my-reddit.service.js';
import {
  createRedditSignInService,
  type RedditSignInService,
} from './auth/reddit/reddit-sign-in.service.js';
import {
  createRedditTokenService,
  type RedditTokenService,
} from './auth/reddit/reddit-token.service.js';
import { createRedditUserClient } from './auth/reddit/reddit-user-client.js';
import { createTokenCipher } from './auth/token-cipher.js';
import { createLocalAuthService, type LocalAuthService } from './auth/local/local-auth.service.js';
import type { Cache } from './cache/cache.js';
import { createCache } from './cache/create-cache.js';
import { systemClock, type Clock } from './clock.js';
import { ConfigError, redisUrl, type Config } from './config.js';
import { pingDatabase, poolStats } from './db/database.js';
import { openDatabase, type OpenDatabase } from './db/open-database.js';
import { createHealthService, type HealthService } from './health/health.service.js';
import type { Logger } from './logger.js';
import { createProviderSet, unknownProviders, type ProviderSet } from './providers/provider-set.js';
import { providerRegistrations } from './providers/registry.js';
import {
  createMemoryBudgetStore,
  createRedisBudgetStore,
} from './providers/resilience/budget-store.js';
import { redditRedirectUri } from './providers/reddit/reddit.registration.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { instrumentProvider } from './metrics/instrument-provider.js';
import { registerScrapeGauges } from './metrics/scrape-gauges.js';
import { closeRedis, createRedisClient, type Redis } from './redis/redis-client.js';
import { persistDrafts } from './articles/article-writer.js';
import type { ArticleDraft } from './articles/article.js';
import {
  createEnrichmentPipeline,
  type EnrichmentPipeline,
} from './intelligence/enrichment/enrichment-pipeline.js';
import {
  createInsightsService,
  type InsightsService,
} from './intelligence/insights/insights.service.js';
import { createPageCache } from './search/search-cache.js';
import { createSentimentAnalyser } from './intelligence/sentiment/index.js';
import { findKnownEntities } from './intelligence/entities/known-entities.repository.js';
import { createHeadlineSentiment } from './search/headline-sentiment.js';
import { createYoungGenHeadroom } from './search/young-gen-headroom.js';
import { createSearchService, type SearchService } from './search/search.service.js';
import { createLocalSingleFlight, createRedisSingleFlight } from './search/single-flight.js';
import { createStoreWorkLimit, storeWorkSlots } from './search/store-work.js';
import { startSandbox, type Sandbox } from './sandbox/sandbox.js';
import {
  createSavedArticleService,
  type SavedArticleService,
} from './saved/saved-article.service.js';
import {
  createSearchHistoryService,
  type SearchHistoryService,
} from './history/search-history.service.js';
import {
  createPreferenceService,
  type PreferenceService,
} from './preferences/preference.service.js';

export interface Services {
  health: HealthService;
  articles: ArticleService;
  providers: ProviderSet;
  search: SearchService;
  sessions: SessionService;
  apiKeys: ApiKeyService;
  /** Failed sign-ins and invalid API keys, counted per account and per IP. */
  attempts: AttemptLimiter;
  /** Sign in with Reddit: the OAuth code flow. */
  redditSignIn: RedditSignInService;
  /** Users' Reddit access tokens: refresh (single flight, rotation), revocation. */
  redditTokens: RedditTokenService;
  /** The user's own Reddit front page. */
  myReddit: MyRedditService;
  /** Where request rate limits are counted, shared by every instance; undefined: in memory. */
  rateLimitStore: Redis | undefined;
  /** Email-and-password sign-up and sign-in. */
  localAuth: LocalAuthService;
  /** The caller's own account: profile, sessions, export, deletion. */
  account: AccountService;
  /** Saved articles with notes and tags. */
  saved: SavedArticleService;
  /** Each user's searches, recorded off the request path. */
  history: SearchHistoryService;
  /** Per-user settings over a typed registry of keys. */
  preferences: PreferenceService;
  /** Aggregates over the article store: trends, top and trending entities. */
  insights: InsightsService;
}

export interface Deps {
  config: Config;
  log: Logger;
  clock: Clock;
  metrics: Metrics;
  database: OpenDatabase;
  redis: Redis | undefined;
  cache: Cache;
  /** The in-process sandbox, when a provider without credentials needs it. */
  sandbox: Sandbox | undefined;
  services: Services;
  /** Sentiment and entities for stored articles: service, in-process queue, sweep. */
  enrichment: EnrichmentPipeline;
  /** Releases every resource in reverse order of acquisition. */
  close(): Promise<void>;
}

/** The one composition root: every dependency is built here and passed down as an argument. */
export async function createDeps(
  config: Config,
  log: Logger,
  applicationName: string,
): Promise<Deps> {
  const unknown = unknownProviders(config, providerRegistrations);
  if (unknown.length > 0) {
    throw new ConfigError([`PROVIDERS_ENABLED names unknown providers: ${unknown.join(', ')}`]);
  }
  // Before anything is opened: bad TOKEN_ENCRYPTION_KEYS are a ConfigError at start-up.
  const tokenCipher = createTokenCipher(config.TOKEN_ENCRYPTION_KEYS, log);
  const clock = systemClock;
  const metrics = createMetrics();
  const database = await openDatabase(config, log, applicationName);
  const redisConnectionUrl = redisUrl(config);
  const redis =
    redisConnectionUrl === undefined
      ? undefined
      : await createRedisClient({ url: redisConnectionUrl, log });
  const cache = createCache(config, redis);
  const enrichment = createEnrichmentPipeline({ db: database.db, log });
  // The write-through; new articles are enriched in the background right after it.
  const persist = (drafts: readonly ArticleDraft[]) =>
    persistDrafts(
      database.db,
      drafts,
      config.ENRICHMENT_IN_API ? { onInserted: (ids) => enrichment.queue.enqueue(ids) } : {},
    );
  const sandbox = await startSandboxIfNeeded(config, log);
  const providers = createProviderSet({
    config,
    registrations: providerRegistrations,
    sandbox: sandbox?.baseUrls,
    budgetStore:
      redis === undefined ? createMemoryBudgetStore() : createRedisBudgetStore(redis, log),
    clock,
    log,
    instrument: (provider) => instrumentProvider(provider, metrics),
  });
  // Live search's store work may hold this many connections; the rest serve everything else.
  const storeWork = createStoreWorkLimit(
    storeWorkSlots(config.DATABASE_POOL_MAX, config.SEARCH_STORE_CONCURRENCY),
  );
  registerScrapeGauges(metrics, {
    pool: () => poolStats(database.db),
    providers: () => providers.statuses(),
    storeWork: () => storeWork.stats(),
  });
  const throttleWindow = { windowMs: config.LOGIN_THROTTLE_WINDOW_SECONDS * 1000, clock };
  // Shared by the authenticate plugin and the account features built below.
  const sessions = createSessionService({
    db: database.db,
    clock,
    ttlDays: config.SESSION_TTL_DAYS,
  });
  const apiKeys = createApiKeyService({ db: database.db, clock });
  const attempts =
    redis === undefined
      ? createMemoryAttemptLimiter(throttleWindow)
      : createRedisAttemptLimiter(redis, { ...throttleWindow, log });
  const search = createSearchService({
    sentiment: createHeadlineSentiment(createSentimentAnalyser()),
    knownEntities: (canonicalUrls) => findKnownEntities(database.db, canonicalUrls),
    headroom: createYoungGenHeadroom(),
    providers: new Map(providers.enabled.map((p) => [p.id, p])),
    knownProviders: providerRegistrations.map((r) => r.id),
    cache,
    pages: createPageCache(cache, clock),
    flights:
      redis === undefined
        ? createLocalSingleFlight()
        : createRedisSingleFlight(redis, {
            lockMs: config.SEARCH_DEADLINE_MS + config.SEARCH_PERSIST_WAIT_MS + 1000,
          }),
    persist,
    storeWork,
    settings: {
      ttlSeconds: config.SEARCH_CACHE_TTL_SECONDS,
      partialTtlSeconds: config.SEARCH_PARTIAL_TTL_SECONDS,
      deadlineMs: config.SEARCH_DEADLINE_MS,
      persistWaitMs: config.SEARCH_PERSIST_WAIT_MS,
      perProvider: config.SEARCH_RESULTS_PER_PROVIDER,
    },
    clock,
    log,
    metrics,
  });
  const articles = createArticleService({ db: database.db });
  const preferences = createPreferenceService({
    db: database.db,
    clock,
    enabledProviders: providers.enabled.map((p) => p.id),
  });
  const history = createSearchHistoryService({ db: database.db, clock, log, metrics });
  const redditClient = createRedditUserClient({ config, sandbox: sandbox?.baseUrls, clock, log });
  const reddit = { db: database.db, client: redditClient, cipher: tokenCipher, clock, log };
  const redditTokens = createRedditTokenService(reddit);
  const revokeRedditTokens = (userId: string) => redditTokens.revokeRedditTokens(userId);
  const services: Services = {
    health: createHealthService({
      pingDatabase: () => pingDatabase(database.db),
      pendingMigrations: () => database.pendingMigrations(),
      cache,
      providers,
      probeTimeoutMs: 2000,
    }),
    articles,
    providers,
    search,
    sessions,
    apiKeys,
    attempts,
    rateLimitStore: redis,
    localAuth: createLocalAuthService({
      db: database.db,
      sessions,
      attempts,
      limits: {
        perAccount: config.LOGIN_ATTEMPTS_PER_ACCOUNT,
        perIp: config.LOGIN_ATTEMPTS_PER_IP,
      },
    }),
    account: createAccountService({
      db: database.db,
      clock,
      log,
      // Features that store user data add their export sections and delete hooks here.
      exportSections: { ...accountExportSections({ db: database.db, apiKeys }) },
      beforeDelete: [revokeRedditTokens],
    }),
    saved: createSavedArticleService({ db: database.db, clock }),
    history,
    preferences,
    insights: createInsightsService({ db: database.db, clock }),
    redditSignIn: createRedditSignInService({ ...reddit, sessions }),
    redditTokens,
    myReddit: createMyRedditService({
      client: redditClient,
      tokens: redditTokens,
      persist,
      clock,
      log,
    }),
  };
  return {
    config,
    log,
    clock,
    metrics,
    database,
    redis,
    cache,
    sandbox,
    services,
    enrichment,
    async close() {
      // What the queue did not get to is found by the next sweep.
      await enrichment.close();
      // Searches being recorded still need the database, as do write-throughs a slow store held.
      await services.history.drain();
      if (!(await storeWork.drain(STORE_DRAIN_MS))) {
        log.warn({ ...storeWork.stats() }, 'Closing with search write-throughs unfinished');
      }
      await sandbox?.close();
      await cache.close();
      if (redis !== undefined) await closeRedis(redis);
      await database.close();
    },
  };
}

/** How long shutdown waits for search write-throughs still queued behind a slow store. */
const STORE_DRAIN_MS = 5000;

const UNLIMITED = 1_000_000_000;
const UNLIMITED_QUOTAS = {
  newsapiPerDay: UNLIMITED,
  guardianPerSecond: UNLIMITED,
  guardianPerDay: UNLIMITED,
  redditPerWindow: UNLIMITED,
};

/** Starts the sandbox on loopback when an enabled provider has no credentials and no base URL. */
async function startSandboxIfNeeded(config: Config, log: Logger): Promise<Sandbox | undefined> {
  const enabled = new Set(config.PROVIDERS_ENABLED.split(',').map((id) => id.trim()));
  const needed = providerRegistrations.some((r) => enabled.has(r.id) && r.needsSandbox(config));
  if (!needed) return undefined;
  return startSandbox({
    port: config.SANDBOX_PORT,
    seed: config.SANDBOX_SEED,
    redditRedirectUris: [redditRedirectUri(config)],
    ...(config.SANDBOX_QUOTAS === 'unlimited' ? { quotas: UNLIMITED_QUOTAS } : {}),
    log: log.child({ component: 'sandbox' }),
  });
}
