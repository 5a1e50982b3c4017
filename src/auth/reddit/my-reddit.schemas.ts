import { Type, type Static } from '@sinclair/typebox';
import { SearchResultSchema } from '../../search/search.schemas.js';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

export const MyRedditQuery = Type.Object(
  {
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 25,
      description: 'Posts asked of Reddit (one page of its hot listing).',
    }),
  },
  { additionalProperties: false },
);

/**
 * One story of the user's Reddit front page: the live search result's shape (GET /v1/search)
 * without its relevance score, which means nothing for a listing in Reddit's own order.
 */
export const MyRedditArticleSchema = Type.Omit(
  SearchResultSchema,
  ['score', 'scoreBreakdown', 'sentiment', 'entities'],
  {
    title: 'MyRedditArticle',
  },
);
export type MyRedditArticle = Static<typeof MyRedditArticleSchema>;

export const MyRedditHotResponse = Type.Object({
  articles: Type.Array(MyRedditArticleSchema, { description: "In Reddit's hot order." }),
  persisted: Type.Boolean({ description: 'False when the article store could not be written.' }),
  fetchedAt: DateTime(),
});
export type MyRedditHot = Static<typeof MyRedditHotResponse>;
