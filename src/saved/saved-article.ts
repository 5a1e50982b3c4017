import type { Article } from '../articles/article.js';
import { AppError } from '../errors.js';

/** An article a user saved, with their note and tags. */
export interface SavedArticle {
  article: Article;
  note: string | null;
  tags: string[];
  savedAt: Date;
  updatedAt: Date;
}

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;

/**
 * Tags in their one stored spelling: trimmed, lower-cased, each once, in the order given; a tag
 * that is empty or too long once trimmed is a 400 naming it.
 */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags = new Set<string>();
  raw.forEach((tag, index) => {
    const clean = tag.trim().toLowerCase();
    if (clean.length === 0 || clean.length > MAX_TAG_LENGTH) {
      throw new AppError(
        'validation_failed',
        `body/tags/${index} must be 1-${MAX_TAG_LENGTH} characters once trimmed`,
      );
    }
    tags.add(clean);
  });
  if (tags.size > MAX_TAGS) {
    throw new AppError('validation_failed', `body/tags must hold at most ${MAX_TAGS} tags`);
  }
  return [...tags];
}

/** Article ids are positive decimal BIGINTs; anything else names no article. */
export function isArticleId(id: string): boolean {
  return /^[1-9][0-9]{0,17}$/.test(id);
}
