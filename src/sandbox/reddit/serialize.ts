/**
 * Reddit's JSON as the wire shows it: floats like `1701025563.0` (JavaScript would print
 * `1701025563`) and, unless the request sent `raw_json=1`, the legacy encoding of `&`, `<` and `>`
 * as entities in every string value, which is why `selftext_html` arrives escaped twice.
 */

/** A number Reddit sends as a float even when it is whole (created_utc, edited). */
export class RedditFloat {
  constructor(readonly value: number) {}
}

/** Marks a number to be written as a float. */
export const float = (value: number): RedditFloat => new RedditFloat(value);

export type RedditJson =
  | null
  | boolean
  | number
  | string
  | RedditFloat
  | readonly RedditJson[]
  | { readonly [key: string]: RedditJson | undefined };

/** Reddit's legacy response-body encoding of one string. */
export function legacyEncode(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Serialises a value; keys whose value is undefined are left out, as JSON.stringify does. */
export function toRedditJson(value: RedditJson, rawJson: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(rawJson ? value : legacyEncode(value));
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof RedditFloat) {
    return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
  }
  if (Array.isArray(value)) {
    return `[${(value as readonly RedditJson[]).map((v) => toRedditJson(v, rawJson)).join(', ')}]`;
  }
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, RedditJson | undefined>)) {
    if (item !== undefined) parts.push(`${JSON.stringify(key)}: ${toRedditJson(item, rawJson)}`);
  }
  return `{${parts.join(', ')}}`;
}
