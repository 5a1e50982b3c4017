import type { Db } from '../db/database.js';
import type { IdentityInfo, SessionMetadata } from './account.js';

/**
 * Reads of everything a user owns, for GET /v1/me, the session list and the export. Always by
 * user_id, and never a secret column (password hash, token hashes, CSRF tokens, OAuth tokens).
 */

export async function listIdentities(db: Db, userId: string): Promise<IdentityInfo[]> {
  return db
    .selectFrom('identities')
    .select([
      'provider',
      'subject',
      'username',
      'scopes',
      'linked_at as linkedAt',
      'updated_at as updatedAt',
    ])
    .where('user_id', '=', userId)
    .orderBy('linked_at')
    .orderBy('id')
    .execute();
}

/** The user's sessions, newest first; with `liveAt`, only those not expired by then. */
export async function listSessions(
  db: Db,
  userId: string,
  liveAt?: Date,
): Promise<SessionMetadata[]> {
  let query = db
    .selectFrom('sessions')
    .select([
      'id',
      'user_agent as userAgent',
      'created_at as createdAt',
      'last_seen_at as lastSeenAt',
      'expires_at as expiresAt',
    ])
    .where('user_id', '=', userId);
  if (liveAt !== undefined) query = query.where('expires_at', '>', liveAt);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export interface SavedArticleExport {
  articleId: string;
  url: string;
  title: string;
  note: string | null;
  tags: string[];
  savedAt: Date;
  updatedAt: Date;
}

export async function listSavedArticles(db: Db, userId: string): Promise<SavedArticleExport[]> {
  return db
    .selectFrom('saved_articles')
    .innerJoin('articles', 'articles.id', 'saved_articles.article_id')
    .select([
      'saved_articles.article_id as articleId',
      'articles.url as url',
      'articles.title as title',
      'saved_articles.note as note',
      'saved_articles.tags as tags',
      'saved_articles.saved_at as savedAt',
      'saved_articles.updated_at as updatedAt',
    ])
    .where('saved_articles.user_id', '=', userId)
    .orderBy('saved_articles.saved_at', 'desc')
    .orderBy('saved_articles.article_id', 'desc')
    .execute();
}

export interface SearchHistoryExport {
  id: string;
  query: string;
  params: Record<string, unknown>;
  resultCount: number;
  searchedAt: Date;
}

export async function listSearchHistory(db: Db, userId: string): Promise<SearchHistoryExport[]> {
  return db
    .selectFrom('search_history')
    .select(['id', 'query', 'params', 'result_count as resultCount', 'searched_at as searchedAt'])
    .where('user_id', '=', userId)
    .orderBy('searched_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface PreferenceExport {
  key: string;
  value: unknown;
  updatedAt: Date;
}

export async function listPreferences(db: Db, userId: string): Promise<PreferenceExport[]> {
  return db
    .selectFrom('preferences')
    .select(['key', 'value', 'updated_at as updatedAt'])
    .where('user_id', '=', userId)
    .orderBy('key')
    .execute();
}
