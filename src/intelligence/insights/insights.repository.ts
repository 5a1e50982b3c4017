import { sql, type RawBuilder } from 'kysely';
import { readOnly } from '../../articles/article-read.repository.js';
import { noSearchableWords } from '../../articles/search-params.js';
import type { Db } from '../../db/database.js';
import type { EntityKind } from '../entities/entities.js';
import type { TrendInterval } from './insight-params.js';
import type { EntityCount, TrendBucket, TrendingEntity } from './insights.js';

export interface InsightScope {
  /** websearch_to_tsquery text (already cleaned), or undefined for every article. */
  q: string | undefined;
  from: Date;
  before: Date;
}

/**
 * Runs an aggregate in a read-only transaction under the statement timeout (a timeout is a 503,
 * as in the store search); with q, its first statement checks q has words.
 */
async function aggregate<T>(
  db: Db,
  timeoutMs: number,
  q: string | undefined,
  read: (trx: Db) => Promise<T>,
): Promise<T> {
  return readOnly(db, timeoutMs, async (trx) => {
    if (q !== undefined) {
      const { rows } = await sql<{ nodes: number | null }>`
        select numnode(websearch_to_tsquery('english', ${q}::text)) as nodes`.execute(trx);
      if ((rows[0]?.nodes ?? 0) === 0) throw noSearchableWords();
    }
    return read(trx);
  });
}

function scopeClauses(scope: InsightScope): RawBuilder<boolean> {
  const clauses = [
    sql<boolean>`a.published_at >= ${scope.from}`,
    sql<boolean>`a.published_at < ${scope.before}`,
  ];
  if (scope.q !== undefined) {
    clauses.push(sql<boolean>`a.search @@ websearch_to_tsquery('english', ${scope.q})`);
  }
  return sql<boolean>`${sql.join(clauses, sql` and `)}`;
}

/** Per bucket: articles, articles per provider, sentiment mean and spread of analysed ones. */
export async function trends(
  db: Db,
  timeoutMs: number,
  scope: InsightScope & { interval: TrendInterval; buckets: Date[] },
): Promise<TrendBucket[]> {
  return aggregate(db, timeoutMs, scope.q, async (trx) => {
    const { rows } = await sql<{
      start: Date;
      articles: number;
      providers: Record<string, number> | null;
      analysed: number;
      mean: number | null;
      stddev: number | null;
    }>`
      with matched as (
        select a.id, date_trunc(${scope.interval}, a.published_at, 'UTC') as bucket
        from articles a where ${scopeClauses(scope)}
      ),
      totals as (
        select m.bucket, count(*)::int as articles,
          count(*) filter (where st.label <> 'unsupported')::int as analysed,
          avg(st.score) filter (where st.label <> 'unsupported')::float8 as mean,
          stddev_samp(st.score) filter (where st.label <> 'unsupported')::float8 as stddev
        from matched m left join article_sentiments st on st.article_id = m.id
        group by m.bucket
      ),
      per_provider as (
        select bucket, json_object_agg(provider, n order by provider) as providers
        from (
          select m.bucket, s.provider, count(distinct m.id)::int as n
          from matched m join article_sources s on s.article_id = m.id
          group by m.bucket, s.provider
        ) counts
        group by bucket
      )
      select b.start, coalesce(t.articles, 0) as articles, p.providers,
        coalesce(t.analysed, 0) as analysed, t.mean, t.stddev
      from unnest(${scope.buckets.map((d) => d.toISOString())}::timestamptz[]) as b(start)
      left join totals t on t.bucket = b.start
      left join per_provider p on p.bucket = b.start
      order by b.start`.execute(trx);
    return rows.map((r) => ({
      start: r.start,
      articles: r.articles,
      providers: r.providers ?? {},
      sentiment: { analysed: r.analysed, mean: r.mean, stddev: r.stddev },
    }));
  });
}

/** The entities the scope's articles name most (by articles, then mentions). */
export async function topEntities(
  db: Db,
  timeoutMs: number,
  scope: InsightScope & { kind: EntityKind | undefined; limit: number },
): Promise<EntityCount[]> {
  return aggregate(db, timeoutMs, scope.q, async (trx) => {
    const kind = scope.kind === undefined ? sql`true` : sql`e.kind = ${scope.kind}`;
    const { rows } = await sql<EntityCount>`
      select e.id, e.kind, e.name, c.articles, c.mentions
      from (
        select ae.entity_id, count(*)::int as articles, sum(ae.mentions)::int as mentions
        from articles a join article_entities ae on ae.article_id = a.id
        where ${scopeClauses(scope)}
        group by ae.entity_id
      ) c join entities e on e.id = c.entity_id
      where ${kind}
      order by c.articles desc, c.mentions desc, e.id
      limit ${scope.limit}`.execute(trx);
    return rows;
  });
}

/**
 * Entities by (recent + 1) / (baseline + 1), where recent counts articles naming them in
 * [now - window, now) and baseline is the mean per window over the 7 windows before; only
 * entities with at least `minArticles` recent articles.
 */
export async function trendingEntities(
  db: Db,
  timeoutMs: number,
  query: {
    now: Date;
    windowMs: number;
    kind: EntityKind | undefined;
    limit: number;
    minArticles: number;
  },
): Promise<TrendingEntity[]> {
  const recentFrom = new Date(query.now.getTime() - query.windowMs);
  const baselineFrom = new Date(query.now.getTime() - 8 * query.windowMs);
  return aggregate(db, timeoutMs, undefined, async (trx) => {
    const kind = query.kind === undefined ? sql`true` : sql`e.kind = ${query.kind}`;
    const { rows } = await sql<TrendingEntity>`
      select e.id, e.kind, e.name, c.recent, c.earlier / 7.0::float8 as baseline,
        (c.recent + 1) / (c.earlier / 7.0 + 1)::float8 as ratio
      from (
        select ae.entity_id,
          count(*) filter (where a.published_at >= ${recentFrom})::int as recent,
          count(*) filter (where a.published_at < ${recentFrom})::int as earlier
        from articles a join article_entities ae on ae.article_id = a.id
        where a.published_at >= ${baselineFrom} and a.published_at < ${query.now}
        group by ae.entity_id
      ) c join entities e on e.id = c.entity_id
      where c.recent >= ${query.minArticles} and ${kind}
      order by ratio desc, c.recent desc, e.id
      limit ${query.limit}`.execute(trx);
    return rows;
  });
}
