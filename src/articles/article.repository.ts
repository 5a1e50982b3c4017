import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ArticlesTable, ArticleSourcesTable } from '../db/schema.js';
import type { Article, ArticleDraft, ArticleSource } from './article.js';

/**
 * Stores a sighting of a story. The article row is keyed on its canonical URL: a second provider
 * carrying the same story adds a source row, and fields the first sighting lacked are filled in,
 * never overwritten with nulls. Returns the article id.
 */
export async function upsertArticle(db: Db, draft: ArticleDraft): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('articles')
      .values({
        canonical_url: draft.canonicalUrl,
        url: draft.url,
        title: draft.title,
        description: draft.description,
        content: draft.content,
        author: draft.author,
        image_url: draft.imageUrl,
        language: draft.language,
        published_at: draft.publishedAt,
      })
      .onConflict((oc) =>
        oc.column('canonical_url').doUpdateSet({
          description: sql`coalesce(articles.description, excluded.description)`,
          content: sql`coalesce(articles.content, excluded.content)`,
          author: sql`coalesce(articles.author, excluded.author)`,
          image_url: sql`coalesce(articles.image_url, excluded.image_url)`,
          language: sql`coalesce(articles.language, excluded.language)`,
          updated_at: sql`now()`,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const s = draft.source;
    await trx
      .insertInto('article_sources')
      .values({
        article_id: id,
        provider: s.provider,
        provider_id: s.providerId,
        outlet: s.outlet,
        provider_url: s.providerUrl,
        score: s.score,
        comments: s.comments,
      })
      .onConflict((oc) =>
        oc.columns(['provider', 'provider_id']).doUpdateSet({
          outlet: sql`excluded.outlet`,
          provider_url: sql`excluded.provider_url`,
          score: sql`excluded.score`,
          comments: sql`excluded.comments`,
          fetched_at: sql`now()`,
        }),
      )
      .execute();
    return id;
  });
}

export interface ArticleListQuery {
  /** websearch_to_tsquery syntax: words, "phrases", -exclusions, OR. */
  q?: string | undefined;
  limit: number;
  /** Keyset cursor: only articles strictly older than this (publishedAt, id) pair. */
  before?: { publishedAt: Date; id: string } | undefined;
}

/** Newest-first page of stored articles, optionally full-text filtered, with their sources. */
export async function listArticles(db: Db, query: ArticleListQuery): Promise<Article[]> {
  let select = db.selectFrom('articles').selectAll('articles');
  if (query.q !== undefined) {
    select = select.where(sql<boolean>`search @@ websearch_to_tsquery('english', ${query.q})`);
  }
  if (query.before !== undefined) {
    const { publishedAt, id } = query.before;
    select = select.where(sql<boolean>`(published_at, id) < (${publishedAt}, ${id}::bigint)`);
  }
  const rows = await select
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return attachSources(db, rows);
}

/** One article with all its sources, or undefined. */
export async function findArticleById(db: Db, id: string): Promise<Article | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const [article] = await attachSources(db, [row]);
  return article;
}

async function attachSources(db: Db, rows: Selectable<ArticlesTable>[]): Promise<Article[]> {
  if (rows.length === 0) return [];
  const sources = await db
    .selectFrom('article_sources')
    .selectAll()
    .where(
      'article_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('fetched_at')
    .execute();
  const byArticle = new Map<string, ArticleSource[]>();
  for (const s of sources) {
    const list = byArticle.get(s.article_id) ?? [];
    list.push(toSource(s));
    byArticle.set(s.article_id, list);
  }
  return rows.map((r) => toArticle(r, byArticle.get(r.id) ?? []));
}

function toSource(row: Selectable<ArticleSourcesTable>): ArticleSource {
  return {
    provider: row.provider,
    providerId: row.provider_id,
    outlet: row.outlet,
    providerUrl: row.provider_url,
    score: row.score,
    comments: row.comments,
    fetchedAt: row.fetched_at,
  };
}

function toArticle(row: Selectable<ArticlesTable>, sources: ArticleSource[]): Article {
  return {
    id: row.id,
    canonicalUrl: row.canonical_url,
    url: row.url,
    title: row.title,
    description: row.description,
    content: row.content,
    author: row.author,
    imageUrl: row.image_url,
    language: row.language,
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    sources,
  };
}
