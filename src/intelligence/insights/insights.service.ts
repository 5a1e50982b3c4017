import { cleanQuery } from '../../articles/search-params.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import type { EntityKind } from '../entities/entities.js';
import {
  MAX_PERIOD_DAYS,
  parsePeriod,
  parseTrendPeriod,
  parseWindow,
  type TrendInterval,
} from './insight-params.js';
import type { EntityCount, TrendBucket, TrendingEntity } from './insights.js';
import { topEntities, trendingEntities, trends } from './insights.repository.js';

const DAY = 86_400_000;

export interface TrendsParams {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  interval?: TrendInterval | undefined;
}

export interface TopEntitiesParams {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: EntityKind | undefined;
  limit: number;
}

export interface TrendingParams {
  kind?: EntityKind | undefined;
  limit: number;
  window: string;
  minArticles: number;
}

export interface InsightsService {
  trends(
    params: TrendsParams,
  ): Promise<{ interval: TrendInterval; from: Date; to: Date; buckets: TrendBucket[] }>;
  topEntities(
    params: TopEntitiesParams,
  ): Promise<{ from: Date; to: Date; entities: EntityCount[] }>;
  trending(
    params: TrendingParams,
  ): Promise<{ window: string; now: Date; entities: TrendingEntity[] }>;
}

export interface InsightsServiceDeps {
  db: Db;
  clock: Clock;
  /** Each aggregate is cancelled after this long (then 503, as the store search). */
  statementTimeoutMs?: number;
}

/** Aggregates over stored, enriched articles: volume and sentiment over time, entities. */
export function createInsightsService(deps: InsightsServiceDeps): InsightsService {
  const timeoutMs = deps.statementTimeoutMs ?? 5000;
  const clean = (q: string | undefined) => (q === undefined ? undefined : cleanQuery(q));
  return {
    async trends(params) {
      const q = clean(params.q);
      const interval = params.interval ?? 'day';
      const period = parseTrendPeriod(params.from, params.to, interval, deps.clock.now());
      const buckets = await trends(deps.db, timeoutMs, { q, interval, ...period });
      return { interval, from: period.from, to: period.before, buckets };
    },
    async topEntities(params) {
      const q = clean(params.q);
      const period = parsePeriod(
        params.from,
        params.to,
        deps.clock.now(),
        30 * DAY,
        MAX_PERIOD_DAYS * DAY,
      );
      const entities = await topEntities(deps.db, timeoutMs, {
        q,
        ...period,
        kind: params.kind,
        limit: params.limit,
      });
      return { from: period.from, to: period.before, entities };
    },
    async trending(params) {
      const windowMs = parseWindow(params.window);
      const now = deps.clock.now();
      const entities = await trendingEntities(deps.db, timeoutMs, {
        now,
        windowMs,
        kind: params.kind,
        limit: params.limit,
        minArticles: params.minArticles,
      });
      return { window: params.window, now, entities };
    },
  };
}
