import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

if (!FormatRegistry.Has('uri')) FormatRegistry.Set('uri', (value) => URL.canParse(value));

/**
 * Every environment variable the product reads, in one schema. Each entry has a default (or is
 * optional) and a one-line description; the README's configuration table is checked against this
 * schema by a test, so the two cannot drift. This is the only module that reads `process.env`.
 */
const Port = (description: string, fallback: number) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: fallback, description });

const Flag = (description: string, fallback: boolean) =>
  Type.Boolean({ default: fallback, description });

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union(
    [Type.Literal('development'), Type.Literal('production'), Type.Literal('test')],
    { default: 'development', description: 'Runtime mode; production turns off pretty logs.' },
  ),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'Interface the HTTP server binds to (0.0.0.0 in containers).',
  }),
  PORT: Port('TCP port of the HTTP server (0 picks a free port).', 8080),
  PUBLIC_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: 'Externally visible base URL, used in logs and links; derived from HOST/PORT.',
    }),
  ),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info', description: 'Minimum level written by the pino logger.' },
  ),
  DATABASE_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description:
        'PostgreSQL connection URL; unset starts the embedded PostgreSQL under DATA_DIR.',
    }),
  ),
  DATABASE_PASSWORD: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Password for DATABASE_URL, replacing any in the URL (injected from a secret store).',
    }),
  ),
  DATABASE_POOL_MAX: Type.Integer({
    minimum: 1,
    maximum: 200,
    default: 10,
    description: 'Maximum connections in the PostgreSQL pool of one process.',
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: './.data',
    description: 'Where the embedded PostgreSQL keeps its files (reused across restarts).',
  }),
  EMBEDDED_POSTGRES_PORT: Port('Loopback port of the embedded PostgreSQL.', 54320),
  MIGRATE_ON_START: Flag('Apply pending database migrations when the API starts.', true),
  REDIS_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: 'Redis connection URL for the shared cache; unset uses an in-memory cache.',
    }),
  ),
  REDIS_PASSWORD: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Password (auth token) for REDIS_URL, replacing any in the URL.',
    }),
  ),
  CACHE_MAX_ENTRIES: Type.Integer({
    minimum: 1,
    default: 10000,
    description: 'Size bound of the in-memory cache (entries); ignored with REDIS_URL.',
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 10 * 1024 * 1024,
    default: 1024 * 1024,
    description: 'Largest accepted request body; larger ones get 413 payload_too_large.',
  }),
  CORS_ORIGINS: Type.String({
    default: '',
    description: 'Comma-separated origins allowed by CORS; empty allows same-origin only.',
  }),
  TRUST_PROXY: Flag('Trust X-Forwarded-* headers (set behind a load balancer).', false),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    default: 10000,
    description: 'How long SIGTERM waits for in-flight requests before closing connections.',
  }),
  NEWSAPI_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'NewsAPI key; unset uses the built-in sandbox.' }),
  ),
  GUARDIAN_API_KEY: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Guardian Open Platform key; unset uses the built-in sandbox.',
    }),
  ),
  REDDIT_CLIENT_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'Reddit OAuth client id; unset uses the sandbox.' }),
  ),
  REDDIT_CLIENT_SECRET: Type.Optional(
    Type.String({ minLength: 1, description: 'Reddit OAuth client secret.' }),
  ),
  REDDIT_USER_AGENT: Type.String({
    minLength: 7,
    default: 'web:newsroom:v0.1.0 (by /u/newsroom-dev)',
    description: 'User-Agent sent to Reddit: <platform>:<app id>:<version> (by /u/<username>).',
  }),
  REDDIT_REDIRECT_URI: Type.Optional(
    Type.String({
      format: 'uri',
      description:
        'OAuth redirect URI registered with Reddit; default PUBLIC_URL/auth/reddit/callback.',
    }),
  ),
  NEWSAPI_BASE_URL: Type.Optional(
    Type.String({ format: 'uri', description: 'NewsAPI base URL; default https://newsapi.org.' }),
  ),
  GUARDIAN_BASE_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: 'Guardian Content API base URL; default https://content.guardianapis.com.',
    }),
  ),
  REDDIT_AUTH_BASE_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: 'Reddit OAuth (authorize, token) base URL; default https://www.reddit.com.',
    }),
  ),
  REDDIT_API_BASE_URL: Type.Optional(
    Type.String({
      format: 'uri',
      description: 'Reddit bearer API base URL; default https://oauth.reddit.com.',
    }),
  ),
  PROVIDERS_ENABLED: Type.String({
    default: 'newsapi,guardian,reddit',
    description: 'Comma-separated providers to use; others are reported as disabled.',
  }),
  PROVIDER_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60000,
    default: 4000,
    description: 'Timeout of one upstream HTTP call.',
  }),
  NEWSAPI_CALLS_PER_DAY: Type.Integer({
    minimum: 0,
    default: 100,
    description: 'Call budget for NewsAPI per UTC day (the developer plan allows 100).',
  }),
  GUARDIAN_CALLS_PER_DAY: Type.Integer({
    minimum: 0,
    default: 500,
    description: 'Call budget for the Guardian per UTC day (developer key: 500).',
  }),
  GUARDIAN_CALLS_PER_SECOND: Type.Integer({
    minimum: 0,
    default: 1,
    description: 'Call budget for the Guardian per second (developer key: 1).',
  }),
  REDDIT_CALLS_PER_MINUTE: Type.Integer({
    minimum: 0,
    default: 60,
    description: 'Call budget for Reddit per minute (well under its 100/min OAuth limit).',
  }),
  BREAKER_FAILURES: Type.Integer({
    minimum: 1,
    default: 5,
    description: 'Consecutive failures after which a provider circuit opens.',
  }),
  BREAKER_HALF_OPEN_AFTER_MS: Type.Integer({
    minimum: 100,
    default: 30000,
    description: 'How long an open provider circuit waits before letting one probe call through.',
  }),
  SEARCH_CACHE_TTL_SECONDS: Type.Integer({
    minimum: 1,
    default: 300,
    description: 'How long a live search result is cached (fixed, never extended by reads).',
  }),
  SEARCH_PARTIAL_TTL_SECONDS: Type.Integer({
    minimum: 1,
    default: 30,
    description:
      'Cache TTL when a provider failed or the write to PostgreSQL did not land, so a recovery shows up soon.',
  }),
  SEARCH_DEADLINE_MS: Type.Integer({
    minimum: 100,
    maximum: 30000,
    default: 3000,
    description:
      'Overall deadline of a live search fan-out; slower providers are reported as timeout.',
  }),
  SEARCH_PERSIST_WAIT_MS: Type.Integer({
    minimum: 1,
    maximum: 30000,
    default: 1000,
    description:
      'How long a live search waits for its write to PostgreSQL once the providers answered; past it, it answers with persisted:false and the write goes on.',
  }),
  SEARCH_RESULTS_PER_PROVIDER: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 100,
    description:
      'Articles asked of each provider per live search (each clamps to its own maximum).',
  }),
  SEARCH_STORE_CONCURRENCY: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 200,
      description:
        "PostgreSQL connections live search's write-through and entity lookups may hold at once (default half of DATABASE_POOL_MAX, at least 1); twenty more per connection queue, past that they are skipped and the search answers persisted:false.",
    }),
  ),
  SESSION_TTL_DAYS: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'Lifetime of a web session; signing in again starts a new one.',
  }),
  TOKEN_ENCRYPTION_KEYS: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+)*$',
      description:
        'Keys for OAuth tokens at rest, "id:base64-32-bytes,..."; the first encrypts, all decrypt. Unset outside production: a random key per process.',
    }),
  ),
  API_KEY_HOURLY_LIMIT_BASIC: Type.Integer({
    minimum: 1,
    default: 100,
    description: 'Requests per hour for each API key of a basic-tier user.',
  }),
  API_KEY_HOURLY_LIMIT_PREMIUM: Type.Integer({
    minimum: 1,
    default: 1000,
    description: 'Requests per hour for each API key of a premium-tier user.',
  }),
  ANONYMOUS_SEARCH_HOURLY_LIMIT: Type.Integer({
    minimum: 1,
    default: 300,
    description: 'Requests per hour to /v1/search from one IP address without credentials.',
  }),
  LOGIN_ATTEMPTS_PER_ACCOUNT: Type.Integer({
    minimum: 1,
    default: 10,
    description: 'Failed sign-ins allowed per account in LOGIN_THROTTLE_WINDOW_SECONDS.',
  }),
  LOGIN_ATTEMPTS_PER_IP: Type.Integer({
    minimum: 1,
    default: 50,
    description:
      'Failed sign-ins (and invalid API keys) allowed per IP address in LOGIN_THROTTLE_WINDOW_SECONDS.',
  }),
  LOGIN_THROTTLE_WINDOW_SECONDS: Type.Integer({
    minimum: 1,
    default: 900,
    description: 'Window over which failed sign-in attempts are counted.',
  }),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        'When set, GET /metrics requires "Authorization: Bearer <token>"; unset leaves it open.',
    }),
  ),
  ENRICHMENT_IN_API: Flag(
    'Enrich new articles (sentiment, entities) in the API process; false when a worker runs.',
    true,
  ),
  SANDBOX_PORT: Port('Port of the in-process sandbox upstreams (0 picks a free one).', 0),
  SANDBOX_QUOTAS: Type.Union([Type.Literal('real'), Type.Literal('unlimited')], {
    default: 'real',
    description: "The sandbox's own upstream limits: the real ones, or none (tests, benchmarks).",
  }),
  SANDBOX_SEED: Type.String({
    minLength: 1,
    default: 'newsroom',
    description: 'Seed of the sandbox corpus; the same seed gives the same articles.',
  }),
});

export type Config = Static<typeof ConfigSchema>;

/** Names whose values are secrets: never logged, never echoed in errors. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'REDIS_URL',
  'REDIS_PASSWORD',
  'METRICS_TOKEN',
  'NEWSAPI_KEY',
  'GUARDIAN_API_KEY',
  'REDDIT_CLIENT_ID',
  'REDDIT_CLIENT_SECRET',
  'TOKEN_ENCRYPTION_KEYS',
]);

/** Raised when the environment is invalid; `problems` lists every one of them. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const knownKeys = Object.keys(ConfigSchema.properties);

/**
 * Parses an environment into a typed Config, collecting every problem before failing.
 * Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of knownKeys) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  const problems = [...Value.Errors(ConfigSchema, withDefaults)].map((e) => {
    const key = e.path.replace(/^\//, '');
    const shown = SECRET_KEYS.has(key) ? '(hidden)' : JSON.stringify(raw[key]);
    return `${key}=${shown}: ${e.message}`;
  });
  problems.push(...crossFieldProblems(withDefaults as Partial<Config>));
  if (problems.length > 0) throw new ConfigError(problems);
  return withDefaults as Config;
}

function crossFieldProblems(config: Partial<Config>): string[] {
  const problems: string[] = [];
  for (const key of ['DATABASE_URL', 'REDIS_URL'] as const) {
    const value = config[key];
    if (typeof value !== 'string') continue;
    const expected = key === 'DATABASE_URL' ? ['postgres:', 'postgresql:'] : ['redis:', 'rediss:'];
    if (!expected.some((scheme) => value.startsWith(scheme))) {
      problems.push(`${key}=(hidden): must start with ${expected.join(' or ')}//`);
    }
  }
  if (config.DATABASE_PASSWORD !== undefined && config.DATABASE_URL === undefined) {
    problems.push(
      'DATABASE_PASSWORD is set without DATABASE_URL (the embedded PostgreSQL has none)',
    );
  }
  if (config.REDIS_PASSWORD !== undefined && config.REDIS_URL === undefined) {
    problems.push('REDIS_PASSWORD is set without REDIS_URL');
  }
  if (Boolean(config.REDDIT_CLIENT_ID) !== Boolean(config.REDDIT_CLIENT_SECRET)) {
    problems.push('REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET must be set together');
  }
  const { SEARCH_STORE_CONCURRENCY: share, DATABASE_POOL_MAX: pool } = config;
  if (share !== undefined && pool !== undefined && pool > 1 && share >= pool) {
    problems.push(
      `SEARCH_STORE_CONCURRENCY=${share} must be below DATABASE_POOL_MAX (${pool}): a stalled write-through would hold every connection`,
    );
  }
  if (config.NODE_ENV === 'production' && config.TOKEN_ENCRYPTION_KEYS === undefined) {
    problems.push('TOKEN_ENCRYPTION_KEYS is required in production (OAuth tokens at rest)');
  }
  return problems;
}

/**
 * DATABASE_URL with DATABASE_PASSWORD in place of any password in it. Production keeps the URL in
 * plain task environment and injects only the password from Secrets Manager.
 */
export function databaseUrl(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_PASSWORD'>,
): string | undefined {
  return withPassword(config.DATABASE_URL, config.DATABASE_PASSWORD);
}

/** REDIS_URL with REDIS_PASSWORD (the ElastiCache auth token) in place of any password in it. */
export function redisUrl(config: Pick<Config, 'REDIS_URL' | 'REDIS_PASSWORD'>): string | undefined {
  return withPassword(config.REDIS_URL, config.REDIS_PASSWORD);
}

function withPassword(url: string | undefined, password: string | undefined): string | undefined {
  if (url === undefined || password === undefined) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password); // an auth token may hold '/', '+' or '@'
  return parsed.toString();
}

/** The schema's entries as rows for documentation: name, default, description. */
export function describeConfig(): { name: string; fallback: string; description: string }[] {
  return Object.entries(ConfigSchema.properties).map(([name, schema]) => {
    const s = schema as TSchema & { default?: unknown; description?: string };
    return {
      name,
      fallback:
        s.default === undefined ? '(unset)' : s.default === '' ? '(empty)' : String(s.default),
      description: s.description ?? '',
    };
  });
}
