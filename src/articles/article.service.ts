import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Article } from './article.js';
import { findArticleById, listArticles } from './article.repository.js';

export interface ArticleService {
  list(query: { q?: string; limit: number; cursor?: string }): Promise<ArticlePage>;
  get(id: string): Promise<Article>;
}

export interface ArticlePage {
  articles: Article[];
  nextCursor: string | null;
}

/** Reads over the article store: newest first, full-text filtered, keyset paginated. */
export function createArticleService(deps: { db: Db }): ArticleService {
  return {
    async list({ q, limit, cursor }) {
      const before = cursor === undefined ? undefined : decodeCursor(cursor);
      const articles = await listArticles(deps.db, { q, limit, before });
      const last = articles.at(-1);
      const nextCursor =
        articles.length === limit && last !== undefined ? encodeCursor(last) : null;
      return { articles, nextCursor };
    },
    async get(id) {
      const article = await findArticleById(deps.db, id);
      if (article === undefined)
        throw new AppError('article_not_found', `No article with id ${id}`);
      return article;
    },
  };
}

function encodeCursor(article: Article): string {
  return Buffer.from(`${article.publishedAt.toISOString()}|${article.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { publishedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(iso ?? '');
  if (id === undefined || !/^[1-9][0-9]{0,17}$/.test(id) || Number.isNaN(publishedAt.getTime())) {
    throw new AppError('validation_failed', 'querystring/cursor is not a cursor this API issued');
  }
  return { publishedAt, id };
}
