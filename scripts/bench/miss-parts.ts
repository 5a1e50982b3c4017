/**
 * Where a live-search miss spends its time after the slowest provider answers, part by part:
 * `node --import tsx scripts/bench/miss-parts.ts` (DATABASE_URL: a scratch database it migrates).
 * Fetches real pages from the in-process sandbox once, then times dedup, scoring, the
 * write-through and serialisation over them, in this process.
 */
import { performance } from 'node:perf_hooks';
import { persistDrafts } from '../../src/articles/article-writer.js';
import { loadConfig } from '../../src/config.js';
import { createDeps } from '../../src/deps.js';
import { createLogger } from '../../src/logger.js';
import { parseQuery } from '../../src/providers/query.js';
import { dedupe } from '../../src/search/dedupe.js';
import { fanOut } from '../../src/search/fan-out.js';
import { createStoryScorer } from '../../src/search/scoring.js';
import { toStoredResults } from '../../src/search/search-results.js';
import { missQueries } from './live-miss.js';

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  SANDBOX_QUOTAS: 'unlimited',
  NEWSAPI_CALLS_PER_DAY: '1000000',
  GUARDIAN_CALLS_PER_DAY: '1000000',
  GUARDIAN_CALLS_PER_SECOND: '1000',
  REDDIT_CALLS_PER_MINUTE: '100000',
});
const deps = await createDeps(config, createLogger(config), 'miss-parts');
await deps.database.migrate();
const providers = new Map(deps.services.providers.enabled.map((p) => [p.id, p]));
const times: Record<string, number[]> = { dedupe: [], score: [], write: [], rewrite: [], json: [] };
for (const q of missQueries(30)) {
  const { drafts } = await fanOut({
    requested: [...providers.keys()],
    providers,
    query: { q, pageSize: 100 },
    deadlineMs: 5000,
    clock: deps.clock,
  });
  const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await work();
    times[name]?.push(performance.now() - start);
    return value;
  };
  const groups = await time('dedupe', () => dedupe(drafts));
  const results = await time('score', () =>
    toStoredResults(groups, createStoryScorer(parseQuery(q)), {
      now: new Date(),
      providersAsked: 3,
    }),
  );
  const last = drafts.filter((d) => d.source.provider === 'reddit');
  await time('write', () => persistDrafts(deps.database.db, last));
  await time('rewrite', () => persistDrafts(deps.database.db, last));
  await time('json', () => JSON.stringify({ results }));
}
for (const [name, samples] of Object.entries(times)) {
  const sorted = samples.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  process.stdout.write(
    `${name.padEnd(8)} p50 ${at(0.5).toFixed(2)} ms  p90 ${at(0.9).toFixed(2)} ms  max ${at(1).toFixed(2)} ms\n`,
  );
}
await deps.close();
