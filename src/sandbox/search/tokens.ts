/**
 * Word tokens for the sandbox's search: case-folded runs of letters, digits and marks. Han, kana
 * and Hangul have no spaces between words, so each such character is a token of its own and a
 * multi-character query word becomes a phrase.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CHARS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
// Below U+2E80 there is no CJK, so most text skips the per-word script check.
const MAYBE_CJK = /[\u2e80-\ud7ff\uf900-\uffff]/;

/** Splits text into lower-cased word tokens. */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  if (!MAYBE_CJK.test(text)) return words;
  return words.flatMap((word) => (CJK.test(word) ? (word.match(CJK_CHARS) ?? []) : [word]));
}

/** A field's tokens in order (for phrases) and as a set (for single words). */
export interface FieldTokens {
  readonly list: readonly string[];
  readonly set: ReadonlySet<string>;
}

/** Tokenises a field once so every query against it is a set lookup or a short scan. */
export function fieldTokens(text: string): FieldTokens {
  const list = tokenize(text);
  return { list, set: new Set(list) };
}

/** How often `phrase` (one or more tokens) occurs in the field, counting at most `cap`. */
export function countPhrase(field: FieldTokens, phrase: readonly string[], cap = 3): number {
  const [first] = phrase;
  if (first === undefined || !field.set.has(first)) return 0;
  if (phrase.length > 1 && !phrase.every((t) => field.set.has(t))) return 0;
  let count = 0;
  const { list } = field;
  for (let i = 0; i + phrase.length <= list.length && count < cap; i++) {
    if (list[i] !== first) continue;
    let j = 1;
    while (j < phrase.length && list[i + j] === phrase[j]) j++;
    if (j === phrase.length) count++;
  }
  return count;
}
