/**
 * The words and phrases a query asks for (not its -exclusions or OR), longest first so a phrase
 * wins over its own words.
 */
export function queryTerms(q: string): string[] {
  const terms: string[] = [];
  for (const match of q.matchAll(/(-?)"([^"]*)"|(-?)(\S+)/g)) {
    const negated = (match[1] ?? match[3] ?? '') === '-';
    const term = (match[2] ?? match[4] ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!negated && term !== '' && term !== 'OR') terms.push(term);
  }
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` cut into runs, each marked when it is a term found at a word start (any case). The page
 * renders them as text nodes and <mark> elements: stories' text comes from outlets we do not
 * control, so it never becomes markup.
 */
export function splitOnTerms(text: string, terms: string[]): { text: string; match: boolean }[] {
  if (terms.length === 0) return [{ text, match: false }];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escape).join('|')})`, 'giu');
  // split() with one capture group alternates: text, match, text, match, ...
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, match: i % 2 === 1 }))
    .filter((run) => run.text !== '');
}
