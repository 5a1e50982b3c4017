import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AnalyserVersions, ArticleText, Enrichment } from './enrichment.js';

// Serialises enrichment writes across processes (the API's queue, a worker, a backfill): one
// writer at a time never deadlocks on the rows two batches share and never races to insert the
// same article's entity rows. A batch's writes take a few milliseconds; analysis runs outside.
const WRITE_LOCK = 7_420_260_001;

/** Title, description and content of these articles (missing ids are skipped). */
export async function readArticleTexts(db: Db, ids: readonly string[]): Promise<ArticleText[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'description', 'content'])
    .where('id', '=', sql<string>`any(${[...ids]}::bigint[])`)
    .orderBy('id')
    .execute();
}

/**
 * Replaces the sentiment and entities of these articles with `results`, in one transaction;
 * articles deleted meanwhile are skipped. Returns how many articles were written.
 */
export async function saveEnrichments(
  db: Db,
  results: readonly Enrichment[],
  versions: AnalyserVersions,
): Promise<number> {
  if (results.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${WRITE_LOCK}::bigint)`.execute(trx);
    // KEY SHARE keeps these articles from being deleted until commit, without blocking the
    // write path's updates of the same rows.
    const { rows } = await sql<{ id: string }>`
      select id from articles where id = any(${results.map((r) => r.articleId)}::bigint[])
      order by id for key share`.execute(trx);
    const alive = new Set(rows.map((r) => r.id));
    const kept = results.filter((r) => alive.has(r.articleId));
    if (kept.length === 0) return 0;
    await writeSentiments(trx, kept, versions);
    await writeEntities(trx, kept, versions);
    return kept.length;
  });
}

async function writeSentiments(
  trx: Db,
  results: readonly Enrichment[],
  { analyser, analyserVersion }: AnalyserVersions,
): Promise<void> {
  await sql`
    insert into article_sentiments (article_id, score, label, analyser, analyser_version)
    select t.article_id, t.score, t.label, ${analyser}, ${analyserVersion}
    from unnest(${results.map((r) => r.articleId)}::bigint[],
      ${results.map((r) => clampScore(r.sentiment.score))}::real[],
      ${results.map((r) => r.sentiment.label)}::text[]) as t(article_id, score, label)
    on conflict (article_id) do update set
      score = excluded.score, label = excluded.label, analyser = excluded.analyser,
      analyser_version = excluded.analyser_version, computed_at = now()`.execute(trx);
}

async function writeEntities(
  trx: Db,
  results: readonly Enrichment[],
  { extractor, extractorVersion }: AnalyserVersions,
): Promise<void> {
  const articleIds = results.map((r) => r.articleId);
  const links = results.flatMap((r) =>
    r.entities
      .filter((e) => e.key !== '')
      .map((e) => ({ articleId: r.articleId, ...e, key: e.key.slice(0, 200) })),
  );
  await sql`delete from article_entities where article_id = any(${articleIds}::bigint[])`.execute(
    trx,
  );
  if (links.length > 0) {
    const input = sql`unnest(${links.map((l) => l.articleId)}::bigint[],
      ${links.map((l) => l.kind)}::text[], ${links.map((l) => l.key)}::text[],
      ${links.map((l) => l.name)}::text[], ${links.map((l) => l.mentions)}::int[])
      as t(article_id, kind, key, name, mentions)`;
    // The first name seen for an entity stays its display name.
    await sql`
      insert into entities (kind, key, name)
      select distinct on (kind, key) kind, key, name from ${input}
      order by kind, key
      on conflict (kind, key) do nothing`.execute(trx);
    await sql`
      insert into article_entities (article_id, entity_id, mentions)
      select t.article_id, e.id, sum(greatest(t.mentions, 1))
      from ${input} join entities e on e.kind = t.kind and e.key = t.key
      group by t.article_id, e.id
      order by t.article_id, e.id`.execute(trx);
  }
  await sql`
    insert into article_entity_runs (article_id, extractor, extractor_version)
    select id, ${extractor}, ${extractorVersion} from unnest(${articleIds}::bigint[]) as t(id)
    order by id
    on conflict (article_id) do update set
      extractor = excluded.extractor, extractor_version = excluded.extractor_version,
      computed_at = now()`.execute(trx);
}

export interface UnenrichedQuery {
  limit: number;
  /** Keyset: only ids above this one. */
  afterId?: string | undefined;
  /** Only articles published at or after this time. */
  since?: Date | undefined;
  /** Every article in range, current or not (a forced recompute). */
  all?: boolean | undefined;
}

/**
 * Ids (ascending, above `afterId`) of articles missing a sentiment or an entity run, or whose
 * rows another analyser or version computed. Walks the primary key, so a page costs what it
 * reads from `afterId` on.
 */
export async function findUnenriched(
  db: Db,
  versions: AnalyserVersions,
  query: UnenrichedQuery,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select a.id from articles a
    where ${and(rangeClauses(query, versions))}
    order by a.id limit ${query.limit}`.execute(db);
  return rows.map((r) => r.id);
}

/** How many articles findUnenriched would return without a limit (the backfill's total). */
export async function countUnenriched(
  db: Db,
  versions: AnalyserVersions,
  query: Omit<UnenrichedQuery, 'limit'>,
): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    select count(*)::int as count from articles a
    where ${and(rangeClauses(query, versions))}`.execute(db);
  return rows[0]?.count ?? 0;
}

function rangeClauses(
  query: Omit<UnenrichedQuery, 'limit'>,
  versions: AnalyserVersions,
): RawBuilder<boolean>[] {
  const clauses: RawBuilder<boolean>[] = [];
  if (query.afterId !== undefined) clauses.push(sql<boolean>`a.id > ${query.afterId}::bigint`);
  if (query.since !== undefined) clauses.push(sql<boolean>`a.published_at >= ${query.since}`);
  if (query.all !== true) clauses.push(notCurrent(versions));
  return clauses;
}

function notCurrent(v: AnalyserVersions): RawBuilder<boolean> {
  return sql<boolean>`(
    not exists (select 1 from article_sentiments s where s.article_id = a.id
      and s.analyser = ${v.analyser} and s.analyser_version = ${v.analyserVersion})
    or not exists (select 1 from article_entity_runs r where r.article_id = a.id
      and r.extractor = ${v.extractor} and r.extractor_version = ${v.extractorVersion}))`;
}

function and(clauses: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return clauses.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(clauses, sql` and `)}`;
}

/** Guards the table's check constraint against an analyser's rounding (NaN becomes 0). */
function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.max(-1, Math.min(1, score)) : 0;
}

/** The highest article id, or null for an empty store. */
export async function newestArticleId(db: Db): Promise<string | null> {
  const { rows } = await sql<{ id: string | null }>`select max(id) as id from articles`.execute(db);
  return rows[0]?.id ?? null;
}
