/**
 * Highlighting without trusting the text: ts_headline marks matches with sentinel characters
 * (from Unicode's private use area, stripped from the text beforehand so no article can forge
 * one), the whole result is HTML-escaped, and only then do the sentinels become <mark> tags.
 */

export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** ts_headline options for a title: every match marked, the whole title kept. */
export const TITLE_HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", HighlightAll=true`;

/** ts_headline options for the snippet: up to two short passages around the best matches. */
export const SNIPPET_HEADLINE_OPTIONS =
  `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=30, MinWords=12, ` +
  `ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML for a ts_headline result: everything escaped, the sentinels turned into <mark> tags. */
export function headlineToHtml(headline: string): string {
  // Tags are kept balanced whatever the input: a stray sentinel is dropped, an open mark closed.
  // A plain `false` would be narrowed to a constant; the callback below flips it.
  let open = false as boolean;
  const html = headline.replace(/[&<>"'\uE000\uE001]/g, (char) => {
    if (char === MARK_START || char === MARK_END) {
      if (open === (char === MARK_START)) return '';
      open = !open;
      return open ? '<mark>' : '</mark>';
    }
    return ESCAPES[char] ?? '';
  });
  return open ? `${html}</mark>` : html;
}
