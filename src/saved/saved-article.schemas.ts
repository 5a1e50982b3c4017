import { Type } from '@sinclair/typebox';
import { ArticleSchema } from '../articles/article.schemas.js';
import { ref } from '../http/schemas.js';
import { MAX_TAG_LENGTH, MAX_TAGS } from './saved-article.js';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

export const SavedArticleSchema = Type.Object({
  article: ref(ArticleSchema),
  note: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  savedAt: DateTime(),
  updatedAt: DateTime(),
});

export const SavedArticleParams = Type.Object(
  // Not a pattern: a non-numeric id names no article and answers 404 like any other unknown id.
  { articleId: Type.String({ maxLength: 40, description: 'Article id (GET /v1/articles/{id}).' }) },
  { additionalProperties: false },
);

export const SaveArticleBody = Type.Object(
  {
    note: Type.Optional(
      Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()], {
        description: 'Your note; null clears it; absent keeps the stored one.',
      }),
    ),
    tags: Type.Optional(
      Type.Array(Type.String({ maxLength: MAX_TAG_LENGTH }), {
        maxItems: MAX_TAGS,
        description:
          'Replaces the tags: trimmed, lower-cased and deduplicated; absent keeps the stored ones.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SavedListQuery = Type.Object(
  {
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TAG_LENGTH })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'Full-text search within your saved articles (web-search syntax).',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

export const SavedListResponse = Type.Object({
  items: Type.Array(SavedArticleSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
