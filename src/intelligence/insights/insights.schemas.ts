import { Type } from '@sinclair/typebox';

/** A Date in code, an RFC 3339 string on the wire. */
const DateTime = (description?: string) =>
  Type.Unsafe<Date>(Type.String({ format: 'date-time', ...(description ? { description } : {}) }));

// As in GET /v1/articles: a calendar date (UTC) or an RFC 3339 date-time with its offset.
const DATE_OR_DATE_TIME =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2}))?$';

const Q = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'Full-text query (web-search syntax, as GET /v1/articles); absent: every article.',
  }),
);
const From = Type.Optional(
  Type.String({
    pattern: DATE_OR_DATE_TIME,
    description: 'Published at or after (a date means its start, UTC).',
  }),
);
const To = Type.Optional(
  Type.String({
    pattern: DATE_OR_DATE_TIME,
    description: 'Published at or before (a date means its whole day, UTC); default now.',
  }),
);
const Kind = Type.Union([
  Type.Literal('person'),
  Type.Literal('organisation'),
  Type.Literal('place'),
]);

export const TrendsQuerySchema = Type.Object(
  {
    q: Q,
    from: From,
    to: To,
    interval: Type.Optional(
      Type.Union([Type.Literal('day'), Type.Literal('hour')], {
        description:
          'Bucket size (UTC); default day. At most 400 buckets; default period the last 30 ' +
          'days (day) or 48 hours (hour).',
      }),
    ),
  },
  { additionalProperties: false },
);

const TrendBucketSchema = Type.Object({
  start: DateTime(),
  articles: Type.Integer({ description: 'Articles published in the bucket.' }),
  providers: Type.Record(Type.String(), Type.Integer(), {
    description: 'Articles per provider that carried them (one article may count for several).',
  }),
  sentiment: Type.Object({
    analysed: Type.Integer({
      description: 'Articles with a sentiment score; only these count in mean and stddev.',
    }),
    mean: Type.Union([Type.Number(), Type.Null()]),
    stddev: Type.Union([Type.Number(), Type.Null()], {
      description: 'Sample standard deviation; null with fewer than two analysed articles.',
    }),
  }),
});

export const TrendsResponse = Type.Object({
  interval: Type.Union([Type.Literal('day'), Type.Literal('hour')]),
  from: DateTime(),
  to: DateTime('End of the period (exclusive).'),
  buckets: Type.Array(TrendBucketSchema),
});

export const TopEntitiesQuerySchema = Type.Object(
  {
    q: Q,
    from: From,
    to: To,
    kind: Type.Optional(Kind),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  {
    additionalProperties: false,
    description: 'Default period: the last 30 days; at most 400 days.',
  },
);

export const TopEntitiesResponse = Type.Object({
  from: DateTime(),
  to: DateTime(),
  entities: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Kind,
      name: Type.String(),
      articles: Type.Integer({ description: 'Matching articles that name it.' }),
      mentions: Type.Integer({ description: 'Mentions summed over those articles.' }),
    }),
  ),
});

export const TrendingQuerySchema = Type.Object(
  {
    kind: Type.Optional(Kind),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    window: Type.String({
      default: '24h',
      maxLength: 6,
      description: 'Recent window: hours or days (1h to 30d), e.g. 24h, 6h, 7d.',
    }),
    minArticles: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 3,
      description: 'Least articles naming an entity in the recent window for it to be listed.',
    }),
  },
  { additionalProperties: false },
);

export const TrendingResponse = Type.Object({
  window: Type.String(),
  now: DateTime(),
  entities: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Kind,
      name: Type.String(),
      recent: Type.Integer({ description: 'Articles naming it in the recent window.' }),
      baseline: Type.Number({ description: 'Mean per window over the 7 windows before.' }),
      ratio: Type.Number({ description: '(recent + 1) / (baseline + 1); the ranking key.' }),
    }),
  ),
});
