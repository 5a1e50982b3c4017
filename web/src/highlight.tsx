import type { ReactNode } from 'react';

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
 * `text` with each term found at a word start wrapped in <mark>: React text nodes and elements
 * only, never markup from data (stories' text comes from outlets we do not control).
 */
export function highlight(text: string, terms: string[]): ReactNode {
  if (terms.length === 0) return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${terms.map(escape).join('|')})`, 'giu');
  const parts = text.split(pattern);
  // split() with one capture group alternates: text, match, text, match, ...
  return parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part));
}
