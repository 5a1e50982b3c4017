/**
 * What the test run was given. Tests read their environment here (and only here), the way the
 * product reads it only in config.ts.
 */
export const testEnv = {
  /** A PostgreSQL URL whose role may CREATE DATABASE; scripts/test.ts guarantees one. */
  databaseUrl: required('DATABASE_URL'),
  redisUrl: process.env.REDIS_URL || undefined,
  ci: process.env.CI === 'true' || process.env.CI === '1',
};

/**
 * For tests that need Redis: the skip reason when REDIS_URL is unset on a developer machine.
 * In CI a missing Redis is a failure, never a skip.
 */
export function redisSkipReason(): string | false {
  if (testEnv.redisUrl !== undefined) return false;
  if (testEnv.ci) throw new Error('REDIS_URL must be set in CI; Redis tests may not be skipped');
  return 'REDIS_URL is not set: Redis-backed tests need a Redis server';
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run tests with \`npm test\`, which provides one`);
  }
  return value;
}
