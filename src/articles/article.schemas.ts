import { Type, type Static } from '@sinclair/typebox';
import { ref } from '../http/schemas.js';

/** A Date in code, an RFC 3339 string on the wire (fast-json-stringify serialises it). */
const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ArticleSourceSchema = Type.Object(
  {
    provider: Type.String({ examples: ['guardian'] }),
    providerId: Type.String(),
    outlet: Nullable(Type.String()),
    providerUrl: Nullable(Type.String()),
    score: Type.Union([Type.Integer(), Type.Null()]),
    comments: Type.Union([Type.Integer(), Type.Null()]),
    fetchedAt: DateTime(),
  },
  { $id: 'ArticleSource', title: 'ArticleSource' },
);

export const ArticleSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable article id (a decimal string).' }),
    canonicalUrl: Type.String(),
    url: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    content: Nullable(Type.String()),
    author: Nullable(Type.String()),
    imageUrl: Nullable(Type.String()),
    language: Nullable(Type.String()),
    publishedAt: DateTime(),
    firstSeenAt: DateTime(),
    updatedAt: DateTime(),
    sources: Type.Array(ref(ArticleSourceSchema)),
  },
  { $id: 'Article', title: 'Article' },
);

export const ArticleListQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'Full-text query: words, "phrases", -exclusions, OR.',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' }),
    ),
  },
  { additionalProperties: false },
);
export type ArticleListQueryParams = Static<typeof ArticleListQuerySchema>;

export const ArticleListResponse = Type.Object({
  articles: Type.Array(ref(ArticleSchema)),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ArticleIdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'Article id.' }) },
  { additionalProperties: false },
);
