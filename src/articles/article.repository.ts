import { sql } from 'kysely';
import { executePrepared, type Db } from '../db/database.js';
import type { Article, ArticleDraft } from './article.js';
import { hydrateHits } from './article-hits.repository.js';
import { readOnly } from './article-read.repository.js';
import { searchStore } from './article-search.repository.js';
import { DEFAULT_TUNING, type ArticleHit } from './store-search.js';
import { mergeDrafts, type MergedBatch } from './article-batch.js';

/**
 * Stores a sighting of a story. The article row is keyed on its canonical URL: a second provider
 * carrying the same story adds a source row, and fields the first sighting lacked are filled in,
 * never overwritten with nulls. Returns the article id.
 */
export async function upsertArticle(db: Db, draft: ArticleDraft): Promise<string> {
  const [id] = await upsertArticles(db, [draft]);
  if (id === undefined) throw new Error('upsertArticles returned no id for one draft');
  return id;
}

/**
 * Stores many sightings with the same rules as upsertArticle, idempotently, in one statement
 * (atomic on its own, and one round trip, so the database works while the caller goes on);
 * returns the article id of each draft, in order.
 */
export async function upsertArticles(db: Db, drafts: readonly ArticleDraft[]): Promise<string[]> {
  return (await writeArticles(db, drafts)).ids;
}

/** upsertArticles, also telling which articles this call created (enrichment analyses those). */
export async function writeArticles(
  db: Db,
  drafts: readonly ArticleDraft[],
): Promise<{ ids: string[]; inserted: string[] }> {
  if (drafts.length === 0) return { ids: [], inserted: [] };
  const batch = mergeDrafts(drafts);
  let written = await writeBatch(db, batch);
  const inserted = new Set(written.inserted);
  // A row another writer committed after this statement's snapshot, whose fields left nothing to
  // fill, is neither returned nor visible: one more pass (a new snapshot) finds it.
  if (written.ids.size < batch.articles.length) {
    written = await writeBatch(db, batch);
    for (const id of written.inserted) inserted.add(id);
  }
  const { ids } = written;
  return {
    ids: drafts.map((d) => {
      const id = ids.get(d.canonicalUrl);
      if (id === undefined) throw new Error(`No id returned for ${d.canonicalUrl}`);
      return id;
    }),
    inserted: [...inserted],
  };
}

/**
 * Articles then their sources, over parallel arrays (the parameter count stays fixed whatever the
 * batch size). A re-sighting only rewrites the article row when it fills a missing field: every
 * rewrite recomputes the search vector, and rows rewritten out of publication order widen the
 * BRIN ranges store search reads.
 */
async function writeBatch(
  db: Db,
  { articles, sources }: MergedBatch,
): Promise<{ ids: Map<string, string>; inserted: string[] }> {
  const statement = sql<{ id: string; canonical_url: string; inserted: boolean }>`
    with input as (
      select * from unnest(
        ${articles.map((r) => r.canonicalUrl)}::text[], ${articles.map((r) => r.url)}::text[],
        ${articles.map((r) => r.title)}::text[], ${articles.map((r) => r.description)}::text[],
        ${articles.map((r) => r.content)}::text[], ${articles.map((r) => r.author)}::text[],
        ${articles.map((r) => r.imageUrl)}::text[], ${articles.map((r) => r.language)}::text[],
        ${articles.map((r) => r.publishedAt.toISOString())}::timestamptz[]
      ) as t(canonical_url, url, title, description, content, author, image_url, language,
        published_at)
    ),
    written as (
      insert into articles
        (canonical_url, url, title, description, content, author, image_url, language,
          published_at)
      select i.* from input i
      -- A stored row with nothing to fill is left out here, not by the conflict clause: ON
      -- CONFLICT computes each proposed row's search vector (three to_tsvector calls) before it
      -- finds the conflict, which made a page of re-sightings cost as much as a page of new
      -- stories (13 ms for 90 rows). Sorted, so concurrent batches lock rows in the same order.
      where not exists (
        select 1 from articles a where a.canonical_url = i.canonical_url
          and (a.description is not null or i.description is null)
          and (a.content is not null or i.content is null)
          and (a.author is not null or i.author is null)
          and (a.image_url is not null or i.image_url is null)
          and (a.language is not null or i.language is null))
      order by i.canonical_url
      on conflict (canonical_url) do update set
        description = coalesce(articles.description, excluded.description),
        content = coalesce(articles.content, excluded.content),
        author = coalesce(articles.author, excluded.author),
        image_url = coalesce(articles.image_url, excluded.image_url),
        language = coalesce(articles.language, excluded.language),
        updated_at = now()
      where (articles.description is null and excluded.description is not null)
        or (articles.content is null and excluded.content is not null)
        or (articles.author is null and excluded.author is not null)
        or (articles.image_url is null and excluded.image_url is not null)
        or (articles.language is null and excluded.language is not null)
      -- xmax is 0 on a row version this statement inserted (an update sets it to our xid).
      returning id, canonical_url, xmax = 0 as inserted
    ),
    ids as (
      select id, canonical_url, inserted from written
      union all
      select a.id, a.canonical_url, false from articles a join input using (canonical_url)
      where not exists (select 1 from written w where w.canonical_url = a.canonical_url)
    ),
    source_rows as (
      insert into article_sources
        (article_id, provider, provider_id, outlet, provider_url, score, comments)
      select ids.id, s.provider, s.provider_id, s.outlet, s.provider_url, s.score, s.comments
      from unnest(
        ${sources.map((r) => r.canonicalUrl)}::text[], ${sources.map((r) => r.provider)}::text[],
        ${sources.map((r) => r.providerId)}::text[], ${sources.map((r) => r.outlet)}::text[],
        ${sources.map((r) => r.providerUrl)}::text[], ${sources.map((r) => r.score)}::int[],
        ${sources.map((r) => r.comments)}::int[]
      ) as s(canonical_url, provider, provider_id, outlet, provider_url, score, comments)
      join ids using (canonical_url)
      order by s.provider, s.provider_id
      on conflict (provider, provider_id) do update set
        outlet = excluded.outlet,
        provider_url = excluded.provider_url,
        score = excluded.score,
        comments = excluded.comments,
        fetched_at = now()
      returning 1
    )
    select id, canonical_url, inserted from ids`;
  // Prepared: every provider page of every search runs this same text (see executePrepared).
  const result = await executePrepared(db, 'write_articles', statement.compile(db));
  return {
    ids: new Map(result.rows.map((r) => [r.canonical_url, r.id])),
    inserted: result.rows.filter((r) => r.inserted).map((r) => r.id),
  };
}

export interface ArticleListQuery {
  /** websearch_to_tsquery syntax: words, "phrases", -exclusions, OR. */
  q?: string | undefined;
  limit: number;
  /** Keyset cursor: only articles strictly older than this (publishedAt, id) pair. */
  before?: { publishedAt: Date; id: string } | undefined;
}

/**
 * Newest-first page of stored articles, optionally full-text filtered, with their sources: the
 * plain listing for code inside the product (the API uses searchStore for ranking, filters and
 * snippets). A q without searchable words matches nothing.
 */
export async function listArticles(db: Db, query: ArticleListQuery): Promise<Article[]> {
  const result = await searchStore(db, {
    q: query.q,
    filters: {},
    sort: 'recency',
    limit: query.limit,
    referenceTime: new Date(0),
    after:
      query.before === undefined
        ? undefined
        : { publishedAt: query.before.publishedAt.toISOString(), id: query.before.id },
  });
  return result.kind === 'page' ? result.hits.map(toArticle) : [];
}

/** One article with all its sources, or undefined. */
export async function findArticleById(
  db: Db,
  id: string,
  timeoutMs = DEFAULT_TUNING.statementTimeoutMs,
): Promise<Article | undefined> {
  const [hit] = await readOnly(db, timeoutMs, (trx) => hydrateHits(trx, [{ id }], null, null, 0));
  return hit === undefined ? undefined : toArticle(hit);
}

function toArticle({ highlight: _h, score: _s, ...article }: ArticleHit): Article {
  return article;
}
