import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/**
 * Text clean-up shared by provider adapters: upstreams send HTML fragments, entities, stray
 * whitespace, zero-width characters and odd dates. Everything an adapter stores passes through here.
 */

/** Decodes HTML entities (`&amp;`, `&#8217;`, `&nbsp;`) without interpreting tags. */
export function decodeEntities(value: string): string {
  return decodeHTML(value);
}

// What htmlToText must parse: a tag or an entity could start here.
const MARKUP = /[<&]/;
// What collapseWhitespace must change besides the ends: zero-width characters, whitespace other
// than a plain space, or two spaces in a row.
const UNTIDY = /[\u200B\uFEFF]|[^\S ]| {2}/;

// Elements whose text is never article text.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object']);
const BLOCK = new Set([
  'p',
  'br',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
]);

/** HTML fragment -> plain text: tags dropped, script/style content dropped, entities decoded. */
export function htmlToText(html: string): string {
  // Most fields (titles, bylines, plain descriptions) hold neither a tag nor an entity: the parser
  // would hand their text back as it is, after allocating its own state for every call.
  if (!MARKUP.test(html)) return collapseWhitespace(html);
  let text = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping += 1;
        else if (BLOCK.has(name)) text += ' ';
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) text += ' ';
      },
      ontext(chunk) {
        if (skipping === 0) text += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return collapseWhitespace(text);
}

/** Trims, folds runs of whitespace (incl. \r\n, NBSP) to one space, drops zero-width spaces. */
export function collapseWhitespace(value: string): string {
  // Nothing to fold or drop (the usual case): trimming is all that is left, without two copies.
  if (!UNTIDY.test(value)) return value.trim();
  return value
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text from an upstream field that may hold HTML and entities; null when empty. */
export function cleanText(value: string | null | undefined, maxLength = 20_000): string | null {
  if (value === null || value === undefined) return null;
  const text = htmlToText(value);
  if (text === '') return null;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** An absolute http(s) URL, or null for anything else (javascript:, data:, relative, garbage). */
export function safeHttpUrl(value: string | null | undefined, base?: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  try {
    const url =
      base === undefined
        ? new URL(decodeEntities(value.trim()))
        : new URL(decodeEntities(value.trim()), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '') return null;
    return url.toString();
  } catch {
    return null;
  }
}

// Before this, a timestamp is a placeholder (NewsAPI's removed items use the 1970 epoch).
const EARLIEST = Date.UTC(1995, 0, 1);
// Clocks differ; a date more than a day in the future is wrong, not early news.
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Parses an upstream timestamp (ISO 8601 with up to 7 fractional digits or an offset, or epoch
 * seconds as a number) into a Date; null when missing, unparsable or implausible.
 */
export function parseTimestamp(value: string | number | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined) return null;
  let ms: number;
  if (typeof value === 'number') {
    ms = value * 1000;
  } else {
    // JavaScript parses at most 3 fractional digits reliably; trim the rest.
    ms = Date.parse(value.trim().replace(/(\.\d{3})\d+/, '$1'));
  }
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime() + FUTURE_SLACK_MS) return null;
  return new Date(ms);
}

/** ISO 639-1 code in lower case, or null when the value isn't one. */
export function languageCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const code = value.trim().toLowerCase();
  return /^[a-z]{2,3}$/.test(code) ? code : null;
}
