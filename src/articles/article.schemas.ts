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

const ArticleSentimentSchema = Type.Object(
  {
    score: Type.Number({
      minimum: -1,
      maximum: 1,
      description: '-1 most negative, 1 most positive.',
    }),
    label: Type.Union(
      [
        Type.Literal('positive'),
        Type.Literal('neutral'),
        Type.Literal('negative'),
        Type.Literal('unsupported'),
      ],
      { description: 'unsupported: the analyser cannot read this text (e.g. its language).' },
    ),
  },
  { description: 'Sentiment of the title, description and opening text; null until analysed.' },
);

const ArticleEntitySchema = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('organisation'), Type.Literal('place')]),
  name: Type.String(),
  id: Type.String({ description: 'Entity id, the same across articles.' }),
});

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
    sentiment: Type.Union([ArticleSentimentSchema, Type.Null()]),
    entities: Type.Array(ArticleEntitySchema, {
      description:
        'People, organisations and places named, most mentioned first; empty until analysed.',
    }),
  },
  { $id: 'Article', title: 'Article' },
);

/** A calendar date (UTC) or an RFC 3339 date-time with its offset. */
const DATE_OR_DATE_TIME =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2}))?$';

export const ArticleListQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description:
          'Full-text query (web-search syntax): words, "exact phrases", -excluded words, ' +
          'a OR b. Any text is accepted; a q without searchable words is a 400.',
      }),
    ),
    sort: Type.Optional(
      Type.Union(
        [
          Type.Literal('relevance'),
          Type.Literal('recency'),
          Type.Literal('sentiment'),
          Type.Literal('-sentiment'),
        ],
        {
          description:
            'relevance (default with q): the best text matches among the newest ' +
            'matching articles, fresher first among near-equals; recency (default without q): ' +
            'newest first; sentiment: most positive first, -sentiment: most negative first, ' +
            'both among the newest 500 analysed matches (articles not yet analysed are left out).',
        },
      ),
    ),
    sentiment: Type.Optional(
      Type.Union([Type.Literal('positive'), Type.Literal('neutral'), Type.Literal('negative')], {
        description: 'Only articles analysed as having this sentiment.',
      }),
    ),
    provider: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9_]{0,39}$',
        description: 'Only stories this provider carried.',
      }),
    ),
    outlet: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Only stories from this outlet (exact name).',
      }),
    ),
    language: Type.Optional(
      Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code.' }),
    ),
    from: Type.Optional(
      Type.String({
        pattern: DATE_OR_DATE_TIME,
        description: 'Published at or after (a date means its start, UTC).',
      }),
    ),
    to: Type.Optional(
      Type.String({
        pattern: DATE_OR_DATE_TIME,
        description: 'Published at or before (a date means its whole day, UTC).',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ maxLength: 400, description: 'nextCursor from the previous page.' }),
    ),
  },
  { additionalProperties: false },
);
export type ArticleListQueryParams = Static<typeof ArticleListQuerySchema>;

const HighlightSchema = Type.Object(
  {
    title: Type.String({ description: 'HTML: the escaped title, matches in <mark></mark>.' }),
    snippet: Type.String({
      description: 'HTML: escaped passages of the description or text, matches in <mark></mark>.',
    }),
  },
  { description: 'Present when q was given.' },
);

export const ArticleHitSchema = Type.Object({
  ...ArticleSchema.properties,
  highlight: Type.Union([HighlightSchema, Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()], {
    description: 'Relevance score (sort=relevance), comparable within one listing only.',
  }),
});

export const ArticleListResponse = Type.Object({
  articles: Type.Array(ArticleHitSchema),
  sort: Type.Union([
    Type.Literal('relevance'),
    Type.Literal('recency'),
    Type.Literal('sentiment'),
    Type.Literal('-sentiment'),
  ]),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ArticleIdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'Article id.' }) },
  { additionalProperties: false },
);
