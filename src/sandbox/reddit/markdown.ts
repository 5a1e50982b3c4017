import { escapeText } from 'entities';

/**
 * Reddit's rendering of selftext markdown to `selftext_html`, for the few constructs the corpus
 * uses: paragraphs, "> " quotes, "* " lists and [text](url) links. Text is HTML-escaped first.
 */

const inline = (text: string): string =>
  escapeText(text)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/(^|\s)(https?:\/\/[^\s<]+)/g, '$1<a href="$2">$2</a>');

/** `<!-- SC_OFF --><div class="md">…</div><!-- SC_ON -->`, or null for empty selftext. */
export function selftextHtml(markdown: string): string | null {
  if (markdown === '') return null;
  const blocks = markdown.split(/\n{2,}/).map((block) => {
    if (block.startsWith('> '))
      return `<blockquote>\n<p>${inline(block.replace(/^> ?/gm, ''))}</p>\n</blockquote>`;
    if (block.startsWith('* ')) {
      const items = block.split('\n').map((line) => `<li>${inline(line.replace(/^\* /, ''))}</li>`);
      return `<ul>\n${items.join('\n')}\n</ul>`;
    }
    return `<p>${inline(block)}</p>`;
  });
  return `<!-- SC_OFF --><div class="md">${blocks.join('\n\n')}\n</div><!-- SC_ON -->`;
}
