import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import { hitColumns, toHit, type HitRow } from './article-hits.repository.js';
import {
  RECENCY_DAYS,
  type ArticleHit,
  type RecencyKey,
  type RelevanceKey,
  type StoreSearchRequest,
} from './store-search.js';

export interface SearchPage {
  hits: ArticleHit[];
  /** Key of the last hit when another page follows, else null. */
  next: RecencyKey | RelevanceKey | null;
  /** The highest article id the page could see (the request's snapshot when it had one). */
  snapshot: string | null;
  /** How many candidates the page was chosen from (0 when it came back empty). */
  candidates: number;
}

interface PageRow extends HitRow {
  key_score: number | null;
  key_published_at: string;
  remaining: string;
  candidates: string;
  snapshot: string | null;
}

export interface PageQuery {
  request: StoreSearchRequest;
  /** The candidates subquery (CandidateSearch.candidates): id, published_at, rank. */
  candidates: RawBuilder<unknown>;
  /** The parsed query, for the highlights; null lists without highlights. */
  query: RawBuilder<string> | null;
  /** Orders by relevance score (rank x recency) rather than by rank or recency. */
  relevance: boolean;
  snippetChars: number;
  /** The highest article id the first page saw, when this is the first page (else null). */
  snapshot: RawBuilder<string> | null;
}

/**
 * A page of a store search in one statement: the candidates, their order (relevance score,
 * sentiment rank or recency), the cursor's position in it, the page, and the page's articles with
 * sources, sentiment, entities and highlights. `count(*) over ()` says whether another page
 * follows without reading (or highlighting) the row after the page.
 */
export async function readSearchPage(trx: Db, page: PageQuery): Promise<SearchPage> {
  const { request } = page;
  const recency = request.sort === 'recency';
  const score = recency
    ? sql<number>`null::float8`
    : page.relevance
      ? relevanceScore(sql`c.rank`, sql`c.published_at`, request.referenceTime)
      : sql<number>`c.rank`;
  const after = request.after;
  // Recency candidates already start below the cursor; score orders resume after its key here.
  const position =
    !recency && after !== undefined && 'score' in after
      ? sql`where (r.score, r.id) < (${after.score}::float8, ${after.id}::bigint)`
      : sql``;
  const order = (t: string) =>
    recency
      ? sql`${sql.ref(`${t}.published_at`)} desc, ${sql.ref(`${t}.id`)} desc`
      : sql`${sql.ref(`${t}.score`)} desc nulls last, ${sql.ref(`${t}.id`)} desc`;
  const { rows } = await sql<PageRow>`
    with ranked as (
      select c.id, c.published_at, ${score} as score, count(*) over () as candidates
      from (${page.candidates}) c
    ),
    page as (
      select r.id, r.published_at, r.score, r.candidates, count(*) over () as remaining
      from ranked r ${position}
      order by ${order('r')} limit ${request.limit}
    )
    select ${hitColumns(page.query, page.snippetChars)},
      p.score as key_score,
      to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_published_at,
      p.remaining,
      p.candidates,
      ${page.snapshot ?? sql`null`}::text as snapshot
    from page p join articles a on a.id = p.id
    order by ${order('p')}
  `.execute(trx);
  const last = rows.at(-1);
  const hasMore = last !== undefined && Number(last.remaining) > rows.length;
  let next: RecencyKey | RelevanceKey | null = null;
  if (hasMore) {
    next = recency
      ? { publishedAt: last.key_published_at, id: last.id }
      : { score: last.key_score ?? 0, id: last.id };
  }
  return {
    hits: rows.map((row) => toHit(row, page.relevance ? row.key_score : null)),
    next,
    snapshot: request.snapshot ?? rows[0]?.snapshot ?? null,
    candidates: Number(rows[0]?.candidates ?? 0),
  };
}

/**
 * Text rank scaled by a recency factor in [0.5, 1]: a story loses at most half its weight with
 * age, so a much better textual match still beats a fresher weak one, and fresher wins near-ties.
 * Measured from a reference time pinned for the whole listing, so every page computes the same
 * score for the same article. An SQL expression (float8): the page and its cursor are compared in
 * the database, so the score a cursor carries is the one the next page recomputes, bit for bit.
 */
export function relevanceScore(
  rank: RawBuilder<number>,
  publishedAt: RawBuilder<Date>,
  referenceTime: Date,
): RawBuilder<number> {
  const ageSeconds = sql`greatest(0, extract(epoch from ${referenceTime}::timestamptz - ${publishedAt}))::float8`;
  return sql<number>`(${rank} * (0.5 + 0.5 * exp(-${ageSeconds} / ${RECENCY_DAYS * 86_400}::float8)))`;
}
