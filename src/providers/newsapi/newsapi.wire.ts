import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The raw JSON NewsAPI sends (upstream-apis.md §1.4, §1.6). Lenient where the upstream documents
 * nulls or has been seen to omit fields; strict about what the adapter relies on (title, url).
 * Nothing outside this folder sees these types.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** One entry of `articles[]`, checked item by item so one odd row cannot sink a whole page. */
export const NewsApiArticleWire = Type.Object({
  source: Type.Object({ id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  author: Nullable(Type.String()),
  title: Type.String(),
  description: Nullable(Type.String()),
  url: Type.String(),
  urlToImage: Nullable(Type.String()),
  // Documented as always present; a missing one drops the item in the adapter instead.
  publishedAt: Nullable(Type.String()),
  content: Nullable(Type.String()),
});
export type NewsApiArticleWire = Static<typeof NewsApiArticleWire>;

/** A successful /v2/everything or /v2/top-headlines page; items are validated one at a time. */
export const NewsApiPageWire = Type.Object({
  status: Type.Literal('ok'),
  totalResults: Type.Integer({ minimum: 0 }),
  articles: Type.Array(Type.Unknown()),
});

/** The error body on every failing status: only these three keys, never totalResults. */
export const NewsApiErrorWire = Type.Object({
  status: Type.Literal('error'),
  code: Type.String(),
  message: Type.Optional(Type.String()),
});
export type NewsApiErrorWire = Static<typeof NewsApiErrorWire>;
