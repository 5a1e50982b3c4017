import { cleanQuery } from '../articles/search-params.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { isArticleId, normaliseTags, type SavedArticle } from './saved-article.js';
import { deleteSavedArticle, listSavedArticles, saveArticle } from './saved-article.repository.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';

export interface SaveRequest {
  note?: string | null | undefined;
  tags?: string[] | undefined;
}

export interface SavedListRequest {
  tag?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface SavedPage {
  items: SavedArticle[];
  nextCursor: string | null;
}

export interface SavedArticleService {
  /** Saves idempotently; `created` is false when it was already saved (note/tags updated). */
  save(
    userId: string,
    articleId: string,
    request: SaveRequest,
  ): Promise<{ created: boolean; saved: SavedArticle }>;
  unsave(userId: string, articleId: string): Promise<void>;
  list(userId: string, request: SavedListRequest): Promise<SavedPage>;
}

/** A user's reading list: saved articles with notes and tags, searchable within. */
export function createSavedArticleService(deps: { db: Db; clock: Clock }): SavedArticleService {
  const { db, clock } = deps;
  const notFound = (id: string) => new AppError('article_not_found', `No article with id ${id}`);
  return {
    async save(userId, articleId, request) {
      if (!isArticleId(articleId)) throw notFound(articleId.slice(0, 40));
      const tags = request.tags === undefined ? undefined : normaliseTags(request.tags);
      const result = await saveArticle(db, {
        userId,
        articleId,
        note: request.note,
        tags,
        now: clock.now(),
      });
      if (result === undefined) throw notFound(articleId);
      const { items } = await listSavedArticles(db, { userId, articleIds: [articleId], limit: 1 });
      const [saved] = items;
      // Unsaved or deleted by a concurrent request in between: report what is true now.
      if (saved === undefined) throw notFound(articleId);
      return { created: result.created, saved };
    },

    async unsave(userId, articleId) {
      const deleted = isArticleId(articleId) && (await deleteSavedArticle(db, userId, articleId));
      if (!deleted) {
        throw new AppError(
          'saved_article_not_found',
          `Article ${articleId.slice(0, 40)} is not in your saved articles`,
        );
      }
    },

    async list(userId, request) {
      const { items, next } = await listSavedArticles(db, {
        userId,
        tag: request.tag?.trim().toLowerCase(),
        q: request.q === undefined ? undefined : cleanQuery(request.q),
        limit: request.limit,
        after: decodeTimeCursor(request.cursor),
      });
      return { items, nextCursor: next === null ? null : encodeTimeCursor(next) };
    },
  };
}
