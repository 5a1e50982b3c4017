import { sql } from 'kysely';
import { hydrateHits } from '../articles/article-hits.repository.js';
import type { Db } from '../db/database.js';
import type { TimeKey } from './time-cursor.js';
import type { SavedArticle } from './saved-article.js';

export interface SaveInput {
  userId: string;
  articleId: string;
  /** undefined: keep the stored note (none on a first save); null clears it. */
  note: string | null | undefined;
  /** undefined: keep the stored tags (none on a first save). */
  tags: string[] | undefined;
  now: Date;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Saves (or re-saves) an article for the user in one statement; undefined when no such article
 * exists. `created` tells a first save from a repeat (xmax is 0 only on a freshly inserted row).
 */
export async function saveArticle(
  db: Db,
  input: SaveInput,
): Promise<{ created: boolean } | undefined> {
  const noteGiven = input.note !== undefined;
  const tagsGiven = input.tags !== undefined;
  try {
    const { rows } = await sql<{ created: boolean }>`
      insert into saved_articles (user_id, article_id, note, tags, saved_at, updated_at)
      select ${input.userId}::bigint, a.id, ${input.note ?? null}, ${input.tags ?? []}::text[],
        ${input.now}, ${input.now}
      from articles a where a.id = ${input.articleId}::bigint
      on conflict (user_id, article_id) do update set
        note = case when ${noteGiven}::boolean then excluded.note else saved_articles.note end,
        tags = case when ${tagsGiven}::boolean then excluded.tags else saved_articles.tags end,
        updated_at = case when ${noteGiven || tagsGiven}::boolean
          then excluded.updated_at else saved_articles.updated_at end
      returning (xmax = 0) as created`.execute(db);
    const [row] = rows;
    return row === undefined ? undefined : { created: row.created };
  } catch (error) {
    // The article was deleted between the select and the insert: the same as never existing.
    if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return undefined;
    throw error;
  }
}

/** Unsaves; false when the user had not saved it. */
export async function deleteSavedArticle(
  db: Db,
  userId: string,
  articleId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_articles')
    .where('user_id', '=', userId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface SavedListQuery {
  userId: string;
  /** Only articles carrying this (normalised) tag. */
  tag?: string | undefined;
  /** websearch_to_tsquery text matched against the articles' full text. */
  q?: string | undefined;
  /** Only articles one of these ids (a lookup, not a listing). */
  articleIds?: readonly string[] | undefined;
  limit: number;
  after?: TimeKey | undefined;
}

interface SavedRow {
  article_id: string;
  note: string | null;
  tags: string[];
  saved_at: Date;
  updated_at: Date;
  saved_key: string;
}

/**
 * The user's saved articles, newest saved first, keyset-paged on (saved_at, article_id) along
 * saved_articles_user_saved_idx, each hydrated with the article and all its sources. Returns one
 * row more than `limit` would show only as `next` (the key to continue from).
 */
export async function listSavedArticles(
  db: Db,
  query: SavedListQuery,
): Promise<{ items: SavedArticle[]; next: TimeKey | null }> {
  const filters = [sql`s.user_id = ${query.userId}::bigint`];
  if (query.tag !== undefined) filters.push(sql`s.tags @> array[${query.tag}]::text[]`);
  if (query.q !== undefined) {
    filters.push(sql`exists (select 1 from articles a where a.id = s.article_id
      and a.search @@ websearch_to_tsquery('english', ${query.q}))`);
  }
  if (query.articleIds !== undefined) {
    filters.push(sql`s.article_id = any(${query.articleIds}::bigint[])`);
  }
  if (query.after !== undefined) {
    filters.push(
      sql`(s.saved_at, s.article_id) < (${query.after.at}::timestamptz, ${query.after.id}::bigint)`,
    );
  }
  const { rows } = await sql<SavedRow>`
    select s.article_id, s.note, s.tags, s.saved_at, s.updated_at,
      to_char(s.saved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as saved_key
    from saved_articles s
    where ${sql.join(filters, sql` and `)}
    order by s.saved_at desc, s.article_id desc
    limit ${query.limit + 1}`.execute(db);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next =
    rows.length > query.limit && last !== undefined
      ? { at: last.saved_key, id: last.article_id }
      : null;
  const hits = await hydrateHits(
    db,
    page.map((r) => ({ id: r.article_id })),
    null,
    null,
    0,
  );
  const articles = new Map(hits.map(({ highlight: _h, score: _s, ...a }) => [a.id, a]));
  const items = page.flatMap((r) => {
    const article = articles.get(r.article_id);
    if (article === undefined) return [];
    return [{ article, note: r.note, tags: r.tags, savedAt: r.saved_at, updatedAt: r.updated_at }];
  });
  return { items, next };
}
