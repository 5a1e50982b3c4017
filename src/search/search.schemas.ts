import { Type, type Static } from '@sinclair/typebox';
import { ErrorResponse, ref } from '../http/schemas.js';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'Query: words, "phrases", -exclusions, OR.',
      examples: ['climate "sea ice" -arctic'],
    }),
    providers: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Comma-separated provider ids to ask; default every enabled provider.',
        examples: ['newsapi,guardian'],
      }),
    ),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'Earliest publication time (RFC 3339).' }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date-time', description: 'Latest publication time (RFC 3339).' }),
    ),
    language: Type.Optional(
      Type.String({ pattern: '^[a-zA-Z]{2}$', description: 'ISO 639-1 code, e.g. en.' }),
    ),
    sort: Type.Union(
      [
        Type.Literal('relevance'),
        Type.Literal('recency'),
        Type.Literal('sentiment'),
        Type.Literal('-sentiment'),
      ],
      {
        default: 'relevance',
        description:
          'relevance (score), recency, or headline sentiment: most positive first, or most ' +
          'negative first with the minus.',
      },
    ),
    sentiment: Type.Optional(
      Type.Union([Type.Literal('positive'), Type.Literal('neutral'), Type.Literal('negative')], {
        description:
          "Only stories whose headline reads so (each result's sentiment); filters the same " +
          'fetched result set, so it costs no upstream call of its own.',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' }),
    ),
  },
  { additionalProperties: false },
);
export type SearchQueryParams = Static<typeof SearchQuerySchema>;

export const OUTCOME_STATUSES = [
  'ok',
  'timeout',
  'error',
  'rate_limited',
  'budget_exhausted',
  'disabled',
] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const ProviderOutcomeSchema = Type.Object(
  {
    provider: Type.String(),
    status: Type.Union(OUTCOME_STATUSES.map((s) => Type.Literal(s))),
    count: Type.Integer({ description: 'Articles this provider returned.' }),
    durationMs: Type.Integer(),
    message: Type.Optional(Type.String()),
  },
  { $id: 'ProviderOutcome', title: 'ProviderOutcome' },
);

export const SearchResultSchema = Type.Object(
  {
    articleId: Type.Union([Type.String(), Type.Null()], {
      description: 'Id in the article store (GET /v1/articles/{id}); null if not persisted.',
    }),
    canonicalUrl: Type.String(),
    url: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    author: Nullable(Type.String()),
    imageUrl: Nullable(Type.String()),
    language: Nullable(Type.String()),
    publishedAt: DateTime(),
    providers: Type.Array(Type.String(), { description: 'Every provider that carried it.' }),
    outlets: Type.Array(Type.String(), {
      description: 'Every outlet or subreddit that carried it.',
    }),
    sources: Type.Array(
      Type.Object({
        provider: Type.String(),
        providerId: Type.String(),
        outlet: Nullable(Type.String()),
        url: Nullable(Type.String()),
        score: Type.Union([Type.Integer(), Type.Null()]),
        comments: Type.Union([Type.Integer(), Type.Null()]),
      }),
    ),
    score: Type.Number({ description: 'Relevance: text match x recency x agreement.' }),
    scoreBreakdown: Type.Object({
      text: Type.Number(),
      recency: Type.Number(),
      agreement: Type.Number(),
    }),
    sentiment: Type.Union(
      [
        Type.Object({
          score: Type.Number({ minimum: -1, maximum: 1 }),
          label: Type.Union([
            Type.Literal('positive'),
            Type.Literal('neutral'),
            Type.Literal('negative'),
            Type.Literal('unsupported'),
          ]),
        }),
        Type.Null(),
      ],
      {
        description:
          "The headline's sentiment, read when the search ran; the stored article " +
          '(articleId) carries the fuller reading of title, description and text once enriched.',
      },
    ),
    entities: Type.Union(
      [
        Type.Array(
          Type.Object({
            kind: Type.Union([
              Type.Literal('person'),
              Type.Literal('organisation'),
              Type.Literal('place'),
            ]),
            name: Type.String(),
            id: Type.String({ description: 'Entity id: the same entity across articles.' }),
          }),
        ),
        Type.Null(),
      ],
      {
        description:
          'People, organisations and places in the story, most mentioned first, as the store ' +
          'knew them when the search ran: null when it had not analysed the story yet (new ' +
          'stories are enriched in the background; GET /v1/articles/{articleId} has them then).',
      },
    ),
  },
  { $id: 'SearchResult', title: 'SearchResult' },
);

export const SearchResponseSchema = Type.Object({
  results: Type.Array(ref(SearchResultSchema)),
  total: Type.Integer({
    description: 'Distinct stories found (after dedup), of the sentiment asked for if any.',
  }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  providers: Type.Array(ref(ProviderOutcomeSchema)),
  partial: Type.Boolean({ description: 'True when a requested provider did not answer.' }),
  persisted: Type.Boolean({ description: 'False when the store could not be written.' }),
  fetchedAt: DateTime(),
});

/** 502 when no provider answered: the error model plus each provider's outcome. */
export const SearchUnavailableSchema = Type.Object({
  error: ErrorResponse.properties.error,
  providers: Type.Array(ref(ProviderOutcomeSchema)),
});
