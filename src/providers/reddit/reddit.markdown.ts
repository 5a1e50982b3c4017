import { collapseWhitespace, decodeEntities } from '../text.js';

/**
 * A self post's `selftext` (Reddit Markdown) as plain text, or null when nothing is left. Not an
 * HTML parser: with raw_json=1 a `<` in selftext is something the author typed, and treating it as
 * a tag would eat their words. Only the markup that would read as noise is removed.
 */
export function markdownToText(
  markdown: string | null | undefined,
  maxLength = 20_000,
): string | null {
  if (markdown === null || markdown === undefined) return null;
  // Decoded twice: once to undo Reddit's legacy &amp;/&lt;/&gt; (if raw_json=1 was ignored), once
  // because entities are Markdown (the editor inserts &#x200B; for blank lines). On a raw body
  // the first pass already renders them and the second finds nothing left.
  const text = decodeEntities(decodeEntities(markdown))
    .replace(/!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g, '$1') // [text](url)
    .replace(/^ {0,3}(?:[-*_]\s*){3,}$/gm, '') // horizontal rules
    .replace(/^ {0,3}(?:#{1,6}\s+|>+\s?|[-*+]\s+|\d+\.\s+)/gm, '') // headings, quotes, bullets
    .replace(/(\*\*|__|~~|>!|!<)/g, '') // bold, strike-through, spoiler markers
    .replace(/`+/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1'); // backslash escapes
  const plain = collapseWhitespace(text);
  if (plain === '') return null;
  return plain.length > maxLength ? `${plain.slice(0, maxLength - 1)}…` : plain;
}
