import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/**
 * Reddit's wire shapes (shared/docs/upstream-apis.md §3.4, §3.9, §3.10). Strict only about what the
 * adapter relies on; every key the notes list as missing or nullable is optional and nullable here.
 * Objects stay open: Reddit sends ~100 keys per post and adds more over time.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

const PreviewImage = Type.Object({
  source: Nullable(Type.Object({ url: Type.String() })),
});

const MediaMetadataItem = Type.Object({
  // Missing on media whose processing failed (`status: "failed"`).
  s: Nullable(Type.Object({ u: Type.Optional(Type.String()), gif: Type.Optional(Type.String()) })),
});

// The fields of a post; crosspost parents are full posts without a parent list of their own.
const linkFields = {
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  title: Type.String(),
  permalink: Type.String({ minLength: 1 }),
  // Float epoch seconds; some tools re-serialise it as an integer (both are numbers).
  created_utc: Type.Number(),
  subreddit: Type.String({ minLength: 1 }),
  url: Nullable(Type.String()),
  url_overridden_by_dest: Nullable(Type.String()),
  is_self: Type.Optional(Type.Boolean()),
  selftext: Nullable(Type.String()),
  author: Nullable(Type.String()),
  thumbnail: Nullable(Type.String()),
  preview: Nullable(Type.Object({ images: Type.Array(PreviewImage) })),
  is_gallery: Nullable(Type.Boolean()),
  gallery_data: Nullable(
    Type.Object({ items: Type.Array(Type.Object({ media_id: Type.String() })) }),
  ),
  media_metadata: Nullable(Type.Record(Type.String(), MediaMetadataItem)),
  over_18: Nullable(Type.Boolean()),
  stickied: Nullable(Type.Boolean()),
  removed_by_category: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  num_comments: Nullable(Type.Number()),
};

export const RedditCrosspostParent = Type.Object(linkFields);

/** A `t3` post's `data`. */
export const RedditLink = Type.Object({
  ...linkFields,
  crosspost_parent_list: Nullable(Type.Array(RedditCrosspostParent)),
});
export type RedditLink = Static<typeof RedditLink>;
export type RedditPost = Static<typeof RedditCrosspostParent>;

/** A Listing envelope; children are checked one by one so one odd post can't sink a page. */
export const RedditListing = Type.Object({
  kind: Type.Literal('Listing'),
  data: Type.Object({
    after: Nullable(Type.String()),
    children: Type.Array(Type.Object({ kind: Type.String(), data: Type.Unknown() })),
  }),
});
export type RedditListing = Static<typeof RedditListing>;

const linkCheck = TypeCompiler.Compile(RedditLink);

/** True when a listing child's data has the post fields the adapter relies on. */
export function isRedditLink(value: unknown): value is RedditLink {
  return linkCheck.Check(value);
}

/** `/api/v1/me`: a bare account object, not wrapped in kind/data. */
export const RedditMe = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  icon_img: Nullable(Type.String()),
  created_utc: Nullable(Type.Number()),
});
export type RedditMe = Static<typeof RedditMe>;

/** A successful token endpoint answer. */
export const RedditTokenResponse = Type.Object({
  access_token: Type.String({ minLength: 1 }),
  token_type: Type.String(),
  expires_in: Type.Number({ exclusiveMinimum: 0 }),
  refresh_token: Nullable(Type.String({ minLength: 1 })),
  scope: Nullable(Type.String()),
});
export type RedditTokenResponse = Static<typeof RedditTokenResponse>;

/**
 * Any Reddit error body: OAuth style (`error` a string, maybe `error_description`) or the generic
 * one (`error` a number with `message`, sometimes `reason`).
 */
export const RedditErrorBody = Type.Object({
  error: Type.Union([Type.String(), Type.Number()]),
  error_description: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});
export type RedditErrorBody = Static<typeof RedditErrorBody>;

const errorCheck = TypeCompiler.Compile(RedditErrorBody);

/** The body's error fields when it is a Reddit error object, else undefined (HTML, success). */
export function redditErrorBody(json: unknown): RedditErrorBody | undefined {
  return errorCheck.Check(json) ? json : undefined;
}
