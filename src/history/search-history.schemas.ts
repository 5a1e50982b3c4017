import { Type } from '@sinclair/typebox';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

export const HistoryEntrySchema = Type.Object({
  id: Type.String(),
  query: Type.String({ description: 'The query as typed.' }),
  params: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'The other parameters, canonical: endpoint (search or articles), providers, language, ' +
      'from, to, sort, limit, and for the article store provider and outlet.',
  }),
  resultCount: Type.Integer(),
  searchedAt: DateTime(),
});

export const HistoryListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(
      Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

export const HistoryListResponse = Type.Object({
  entries: Type.Array(HistoryEntrySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const HistoryEntryParams = Type.Object(
  // Not a pattern: any id that is not one of the caller's entries answers the same 404.
  { id: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
