import { LRUCache } from 'lru-cache';

/**
 * Title keys for cross-source dedupe (upstream-apis.md §1.8.4, §2.7.4, §5.9): the same story
 * arrives as "Fed raises rates - Reuters", "Fed raises rates | Jane Doe" or "Fed raises rates 📈",
 * so titles are compared after stripping outlet suffixes and folding case, accents and punctuation.
 */

/** Scripts written without spaces between words; their titles are compared as character pairs. */
export const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const PRINTABLE_ASCII = /^[ -~]*$/;
// The last spaced separator (" - ", " – ", " — ", " | ") and the segment after it; greedy, so the
// head takes every earlier separator.
const LAST_SEGMENT = /^(.*\S)\s+([-–—|])\s+(\S.*)$/su;
const LIVE_TAIL = /^(?:live|live updates|live blog|as it happened)$/iu;
// Outlet names are a few capitalised (or caseless-script) words, connectors or domain names.
const OUTLET_WORD =
  /^(?:[\p{Lu}\p{Lt}\p{Lo}\p{N}].*|of|the|and|for|on|de|la|le|el|&|[\w-]+(?:\.[a-z]{2,})+)$/u;
// Latin letters NFKD leaves alone, folded the way search engines fold them.
const LATIN_FOLDS: Record<string, string> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
};

/**
 * Case, compatibility and accent folding shared by title keys and scoring. Diacritics are dropped
 * only where readers treat them as optional (Latin and Greek accents, Cyrillic ё, Arabic vowel
 * marks); Indic and Thai vowel signs are letters in all but name and stay.
 */
export function foldText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[ßłøđıæœ]/gu, (c) => LATIN_FOLDS[c] ?? c)
    .replace(/ς/gu, 'σ')
    .replace(/(?<=[\p{Script=Latin}\p{Script=Greek}])\p{Mn}+/gu, '')
    .replace(/(?<=\p{Script=Cyrillic})\u0308/gu, '')
    .replace(/(?<=\p{Script=Arabic})\p{Mn}+|\u0640/gu, '')
    .normalize('NFKC');
}

/**
 * Title normalised for comparison: outlet suffixes (" - BBC News", " | Author", " – live",
 * " – as it happened") stripped, NFKC, casefolded, punctuation and emoji removed, whitespace
 * collapsed.
 */
export function normaliseTitle(title: string): string {
  return normaliseHeadline(splitTitle(title).headline);
}

// Live search keys the same titles again and again (each page as it arrives, then the merged set,
// and popular stories across searches): remember recent ones. Callers never mutate the result.
const recentKeys = new LRUCache<string, { tokens: string[]; suffixes: string[] }>({ max: 5000 });

/** A title's comparison tokens and the suffixes stripped from it (which may name its outlet). */
export function titleKey(title: string): { tokens: string[]; suffixes: string[] } {
  let key = recentKeys.get(title);
  if (key === undefined) recentKeys.set(title, (key = computeTitleKey(title)));
  return key;
}

function computeTitleKey(title: string): { tokens: string[]; suffixes: string[] } {
  const { headline, suffixes } = splitTitle(title);
  // Dedupe keys every sighting of a search, so ASCII headlines skip building the normalised string.
  const tokens = PRINTABLE_ASCII.test(headline)
    ? distinct(foldAscii(headline).split(/[^a-z0-9]+/))
    : titleTokens(normaliseHeadline(headline));
  return { tokens, suffixes };
}

function normaliseHeadline(headline: string): string {
  // Most headlines are plain ASCII; the Unicode passes below would give the same result slower.
  if (PRINTABLE_ASCII.test(headline)) {
    return foldAscii(headline)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return (
    foldText(headline)
      // "Biden's" and "Biden’s" are one word, "1,000" and "1000" one number.
      .replace(/['’ʼ‘`]/gu, '')
      .replace(/(?<=\p{N})[.,](?=\p{N})/gu, '')
      // Zero-width spaces, joiners, soft hyphens and bidi marks sit inside words.
      .replace(/\p{Cf}/gu, '')
      // Marks left without a letter: emoji variation selectors, keycaps.
      .replace(/(?<![\p{L}\p{M}])\p{M}+/gu, '')
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
      .trim()
  );
}

function foldAscii(headline: string): string {
  return headline
    .toLowerCase()
    .replace(/['`]/g, '')
    .replace(/(\d)[.,](?=\d)/g, '$1');
}

/**
 * The comparison units of a normalised title: its distinct words, with runs of unspaced scripts
 * (Chinese, Japanese, Thai) split into overlapping character pairs, which stand in for words there.
 */
export function titleTokens(normalised: string): string[] {
  if (normalised === '') return [];
  if (PRINTABLE_ASCII.test(normalised) || !UNSPACED_SCRIPT.test(normalised)) {
    return distinct(normalised.split(' '));
  }
  const tokens = new Set<string>();
  for (const word of normalised.split(' ')) {
    const chars = Array.from(word);
    if (!UNSPACED_SCRIPT.test(word) || chars.length === 1) tokens.add(word);
    else for (let i = 1; i < chars.length; i += 1) tokens.add(chars.slice(i - 1, i + 1).join(''));
  }
  return [...tokens];
}

// Headlines have a dozen words or so: a linear scan beats hashing them into a Set.
function distinct(words: readonly string[]): string[] {
  const unique: string[] = [];
  for (const word of words) if (word !== '' && !unique.includes(word)) unique.push(word);
  return unique;
}

/**
 * Dice coefficient of two token sets: 2·|A∩B| / (|A|+|B|). Headlines differ by a word added,
 * dropped or swapped; Dice (the F1 of shared words) tolerates that better than Jaccard on short
 * sets, stays in [0, 1], and as a pure set overlap allows exact prefix-filter blocking in dedupe.
 * Empty sets (emoji-only titles) share nothing.
 */
export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Similarity of two normalised titles in [0, 1]: Dice over their tokens (see tokenSetSimilarity). */
export function titleSimilarity(a: string, b: string): number {
  return tokenSetSimilarity(new Set(titleTokens(a)), new Set(titleTokens(b)));
}

/**
 * Index pairs [i, j, similarity] (i < j) of titles whose Dice similarity reaches the threshold and
 * whose times are at most windowMs apart: one TitleIndex fed everything at once.
 */
export function similarTitles(
  titles: readonly { tokens: readonly string[]; time: number }[],
  threshold: number,
  windowMs: number,
): [number, number, number][] {
  return createTitleIndex(threshold, windowMs).add(titles);
}

/** Similar-title pairs found as titles arrive (live search adds each provider's page in turn). */
export interface TitleIndex {
  /**
   * Indexes the titles (numbered on from the ones added before) and returns their pairs with
   * every title added so far and among themselves, as [earlier, later, similarity].
   */
  add(titles: readonly { tokens: readonly string[]; time: number }[]): [number, number, number][];
}

/**
 * Prefix filtering keeps it near-linear: with each title's tokens in one fixed order, two sets
 * with Dice >= t share at least ceil(t·|A|/(2−t)) tokens, so they must share one among the first
 * |A| − that + 1 of each, and only those first tokens are indexed and probed. Any fixed order finds
 * the same pairs; rare tokens first looks at the fewest. Titles arrive page by page, so the order
 * cannot be by frequency: longer words first stands in for rarer ("the", "of", "in" come last).
 */
export function createTitleIndex(threshold: number, windowMs: number): TitleIndex {
  // Tokens become small integers: one hash lookup each, then plain array work.
  const ids = new Map<string, number>();
  const holder: number[] = []; // token id -> the title whose tokens are marked
  const lists: number[][] = [];
  const times: number[] = [];
  const lastProbe: number[] = [];
  const postings: number[][] = []; // token id -> titles with the token in their prefix
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      ids.set(token, (id = ids.size));
      holder.push(-1);
      postings.push([]);
    }
    return id;
  };
  return {
    add(titles) {
      const pairs: [number, number, number][] = [];
      for (const title of titles) {
        const j = lists.length;
        const list = title.tokens.map(idOf);
        lists.push(list);
        times.push(title.time);
        lastProbe.push(-1);
        for (const id of list) holder[id] = j;
        const overlap = Math.max(1, Math.ceil((threshold * list.length) / (2 - threshold) - 1e-9));
        const prefix = [...title.tokens].sort(byRarity).slice(0, list.length - overlap + 1);
        for (const token of prefix) {
          const posting = postings[idOf(token)] ?? [];
          for (const i of posting) {
            if (lastProbe[i] === j) continue;
            lastProbe[i] = j;
            if (Math.abs((times[i] ?? 0) - title.time) > windowMs) continue;
            const other = lists[i] ?? [];
            let shared = 0;
            for (const id of other) if (holder[id] === j) shared += 1;
            // Dice as tokenSetSimilarity computes it: titleTokens yields distinct tokens.
            const similarity = (2 * shared) / (other.length + list.length);
            if (similarity >= threshold) pairs.push([i, j, similarity]);
          }
          posting.push(j);
        }
      }
      return pairs;
    },
  };
}

function byRarity(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * A title split into its headline and the trailing segments (outlet, author, live-blog state) that
 * normaliseTitle drops, last first. Without the outlet at hand (Google News titles carry the
 * publisher's), an outlet is recognised by shape: a short run of capitalised words after a spaced
 * dash, or anything short after a spaced pipe. At most two segments go.
 */
function splitTitle(title: string): { headline: string; suffixes: string[] } {
  let headline = title.normalize('NFKC').trim();
  const suffixes: string[] = [];
  while (suffixes.length < 2) {
    const [, head = '', separator, tail = ''] = LAST_SEGMENT.exec(headline) ?? [];
    // A one-word head is more likely a kicker ("Brexit - What Now") than a headline.
    const isHeadline = /\s/u.test(head) || UNSPACED_SCRIPT.test(head);
    if (!isHeadline || !isSuffix(tail.trim(), separator === '|')) break;
    headline = head;
    suffixes.push(tail.trim());
  }
  return { headline, suffixes };
}

function isSuffix(tail: string, afterPipe: boolean): boolean {
  if (LIVE_TAIL.test(tail)) return true;
  const words = tail.split(/\s+/u);
  if (afterPipe) return words.length <= 6;
  return words.length <= 5 && words.every((word) => OUTLET_WORD.test(word));
}
