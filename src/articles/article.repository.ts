import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Article, ArticleDraft } from './article.js';
import { hydrateHits } from './article-hits.repository.js';
import { readOnly, readSettings } from './article-read.repository.js';
import { searchStore } from './article-search.repository.js';
import { DEFAULT_TUNING, type ArticleHit } from './store-search.js';
import { mergeDrafts, type ArticleRow, type SourceRow } from './article-batch.js';

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
 * Stores many sightings in one transaction with the same rules as upsertArticle, idempotently;
 * returns the article id of each draft, in order.
 */
export async function upsertArticles(db: Db, drafts: readonly ArticleDraft[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  const write = async (trx: Db): Promise<string[]> => {
    const batch = mergeDrafts(drafts);
    const ids = await insertArticleRows(trx, batch.articles);
    await insertSourceRows(trx, batch.sources, ids);
    return drafts.map((d) => {
      const id = ids.get(d.canonicalUrl);
      if (id === undefined) throw new Error(`No id returned for ${d.canonicalUrl}`);
      return id;
    });
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

async function insertArticleRows(trx: Db, rows: ArticleRow[]): Promise<Map<string, string>> {
  // One statement over parallel arrays: the parameter count stays fixed whatever the batch size.
  const result = await sql<{ id: string; canonical_url: string }>`
    insert into articles
      (canonical_url, url, title, description, content, author, image_url, language, published_at)
    select * from unnest(
      ${rows.map((r) => r.canonicalUrl)}::text[], ${rows.map((r) => r.url)}::text[],
      ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[],
      ${rows.map((r) => r.content)}::text[], ${rows.map((r) => r.author)}::text[],
      ${rows.map((r) => r.imageUrl)}::text[], ${rows.map((r) => r.language)}::text[],
      ${rows.map((r) => r.publishedAt.toISOString())}::timestamptz[])
    on conflict (canonical_url) do update set
      description = coalesce(articles.description, excluded.description),
      content = coalesce(articles.content, excluded.content),
      author = coalesce(articles.author, excluded.author),
      image_url = coalesce(articles.image_url, excluded.image_url),
      language = coalesce(articles.language, excluded.language),
      updated_at = now()
    returning id, canonical_url`.execute(trx);
  return new Map(result.rows.map((r) => [r.canonical_url, r.id]));
}

async function insertSourceRows(
  trx: Db,
  rows: SourceRow[],
  ids: Map<string, string>,
): Promise<void> {
  const articleIds = rows.map((r) => {
    const id = ids.get(r.canonicalUrl);
    if (id === undefined) throw new Error(`No article id for ${r.canonicalUrl}`);
    return id;
  });
  await sql`
    insert into article_sources
      (article_id, provider, provider_id, outlet, provider_url, score, comments)
    select * from unnest(
      ${articleIds}::bigint[], ${rows.map((r) => r.provider)}::text[],
      ${rows.map((r) => r.providerId)}::text[], ${rows.map((r) => r.outlet)}::text[],
      ${rows.map((r) => r.providerUrl)}::text[], ${rows.map((r) => r.score)}::int[],
      ${rows.map((r) => r.comments)}::int[])
    on conflict (provider, provider_id) do update set
      outlet = excluded.outlet,
      provider_url = excluded.provider_url,
      score = excluded.score,
      comments = excluded.comments,
      fetched_at = now()`.execute(trx);
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
  const [hit] = await readOnly(db, timeoutMs, async (trx) => {
    await sql`select ${readSettings(timeoutMs)}`.execute(trx);
    return hydrateHits(trx, [{ id }], null, null, 0);
  });
  return hit === undefined ? undefined : toArticle(hit);
}

function toArticle({ highlight: _h, score: _s, ...article }: ArticleHit): Article {
  return article;
}
