import { collapseWhitespace, htmlToText } from '../../providers/text.js';

/**
 * Input hygiene for the analysers: whatever arrives (HTML descriptions, entities, control
 * characters, a 1 MB body), what comes out is plain text of bounded length.
 */

/** Titles and descriptions carry the sentiment; the rest of a body adds cost, not signal. */
export const MAX_ANALYSED_CHARS = 2_000;
// C0/C1 control characters other than whitespace, and the bidi overrides used to spoof text.
const CONTROL = /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** Plain text, at most `maxChars` long and cut at a word boundary; '' for anything unusable. */
export function prepareText(input: unknown, maxChars = MAX_ANALYSED_CHARS): string {
  if (typeof input !== 'string') return '';
  // Bounds the parser's work; markup is often most of a fragment, so keep ten times the budget.
  const raw = input.length > maxChars * 10 ? input.slice(0, maxChars * 10) : input;
  // The parser is the expensive step; a plain headline skips it.
  const plain = /[<&]/.test(raw) ? htmlToText(raw) : collapseWhitespace(raw);
  const text = collapseWhitespace(plain.replace(CONTROL, ' '));
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut;
}
