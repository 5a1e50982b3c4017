import nlp from 'compromise';
import { prepareText } from '../sentiment/prepare-text.js';
import type { EntityExtractor, EntityKind, ExtractedEntity } from './entities.js';
import { entityKey, stripTitles } from './entity-key.js';
import { GAZETTEER, GAZETTEER_PATTERN } from './gazetteer.js';

/**
 * People, organisations and places: compromise's tagger, corrected where it is weak on headlines
 * (see docs/performance.md, "Intelligence quality"):
 * - a gazetteer of countries, cities and big organisations wins over compromise's guess;
 * - compromise's spans are trimmed to the capitalised words ("coast of Chile" -> "Chile"), split
 *   at commas and "and", and half-names widened to the whole name ("Taylor" -> "Taylor Swift");
 * - an unknown all-capitals word (SNP, FAA) is an organisation;
 * - a name inside a longer one is merged into it when the kind agrees ("Biden" -> "Joe Biden",
 *   mentions added up) and dropped when it is just part of it ("England" in "Bank of England").
 */

// Compromise costs ~2 ms per headline and grows with length; titles and descriptions suffice.
const MAX_ENTITY_CHARS = 2_000;
const CAPITALISED = /^[\p{Lu}\p{N}]/u;
const PARTICLES = new Set(['von', 'van', 'der', 'de', 'la', 'da', 'del', 'di', 'al', 'bin', 'le']);
// Capitalised words that are not names, and all-caps words that are not organisations.
const NOT_NAMES = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december breaking live watch update exclusive'.split(
    ' ',
  ),
);
const NOT_ACRONYMS = new Set(
  'AI CEO CFO GDP TV PM MP MPS IT DNA VAT IPO EV COVID UK US USA UAE'.split(' '),
);
// Words that start a place name before the part compromise finds ("Mount" Etna, "Lake" Como).
const GEO_PREFIXES = new Set(['Mount', 'Lake', 'River', 'Cape', 'Port', 'Fort', 'St', 'Saint']);

interface Candidate {
  kind: EntityKind;
  name: string;
  key: string;
  forms: string[];
}

/** The app's entity extractor. Bump `version` whenever a rule or the gazetteer changes. */
export function createCompromiseExtractor(): EntityExtractor {
  return {
    name: 'compromise',
    version: '1.0.0',
    extract(input: string): ExtractedEntity[] {
      try {
        return extract(prepareText(input, MAX_ENTITY_CHARS));
      } catch {
        return []; // never take down the caller on hostile text
      }
    },
  };
}

function extract(text: string): ExtractedEntity[] {
  if (!/\p{L}/u.test(text)) return [];
  const words = text.split(' ');
  const byKey = new Map<string, Candidate>();
  const add = (kind: EntityKind, raw: string): void => {
    const name = stripTitles(raw.trim());
    const key = entityKey(name);
    if (key === '' || NOT_NAMES.has(key) || !CAPITALISED.test(name)) return;
    const existing = byKey.get(key);
    if (existing === undefined) byKey.set(key, { kind, name, key, forms: [name] });
  };

  // Most trusted first: the first kind recorded for a key wins.
  for (const match of text.matchAll(GAZETTEER_PATTERN)) {
    add(GAZETTEER.get(match[0]) ?? 'place', match[0]);
  }
  const doc = nlp(text);
  const views = [
    ['person', doc.people()],
    ['organisation', doc.organizations()],
    ['place', doc.places()],
  ] as const;
  for (const [kind, view] of views) {
    for (const span of view.out('array') as string[]) {
      for (const part of capitalisedParts(span)) {
        add(kind, kind === 'organisation' ? part : widenName(words, part, kind === 'person'));
      }
    }
  }
  if (!isShouting(text)) {
    for (const word of words) {
      const bare = word.replace(/['’]s$|[^\p{L}\p{N}]/gu, '');
      if (/^[A-Z]{2,5}$/.test(bare) && !NOT_ACRONYMS.has(bare)) add('organisation', bare);
    }
  }
  return mergeNested([...byKey.values()], text);
}

/** "coast of Chile, Peru and Bolivia's" -> ["Chile", "Peru", "Bolivia"]. */
function capitalisedParts(span: string): string[] {
  return span.split(/,|;|\band\b|&/).flatMap((part) => {
    // A possessive inside a span ends a name: "Buffett's Berkshire Hathaway" -> "Berkshire Hathaway".
    const tokens = (part.split(/['’]s\s+/).at(-1) ?? '')
      .trim()
      .replace(/['’]s$|[.:!?'"’]+$/u, '')
      .split(/\s+/);
    while (tokens.length > 0 && !CAPITALISED.test(tokens[0] ?? '')) tokens.shift();
    while (tokens.length > 0 && !CAPITALISED.test(tokens.at(-1) ?? '')) tokens.pop();
    return tokens.length > 0 ? [tokens.join(' ')] : [];
  });
}

/**
 * Compromise sometimes returns part of a name ("Taylor" of "Taylor Swift", "Etna" of "Mount
 * Etna"): take the whole capitalised run, through particles ("Ursula von der Leyen").
 */
function widenName(words: readonly string[], name: string, rightwards: boolean): string {
  const parts = name.split(' ');
  let start = words.findIndex((w) => w === parts[0]);
  if (start === -1) return name;
  let end = start + parts.length - 1;
  while (start > 0 && GEO_PREFIXES.has(words[start - 1] ?? '')) start -= 1;
  // Only people grow rightwards: "Paris" in "Paris Olympics" is still the place.
  while (rightwards && !/['’]s$|[,.:;!?]$/u.test(words[end] ?? '')) {
    let next = end + 1;
    while (PARTICLES.has(words[next] ?? '') && next - end < 3) next += 1;
    if (!CAPITALISED.test(words[next] ?? '')) break;
    end = next;
  }
  const widened = words
    .slice(start, end + 1)
    .join(' ')
    .replace(/['’]s$|[,.:;!?]$/u, '');
  return widened.length > name.length ? widened : name;
}

/** Folds names found inside longer names of the same text (see the module comment). */
function mergeNested(candidates: Candidate[], text: string): ExtractedEntity[] {
  const kept = candidates.filter((short) => {
    const long = candidates.find((c) => c !== short && ` ${c.key} `.includes(` ${short.key} `));
    if (long === undefined) return true;
    if (long.kind === short.kind) long.forms.push(...short.forms);
    else if (occurrences(text, short.name) > occurrences(text, long.name)) return true;
    return false;
  });
  return kept
    .map(({ kind, name, key, forms }) => ({
      kind,
      name,
      key,
      // A person is mentioned by surname too ("Joe Biden ... Biden allies").
      mentions: Math.max(
        1,
        ...[...forms, ...(kind === 'person' ? [name.split(' ').at(-1) ?? name] : [])].map((form) =>
          occurrences(text, form),
        ),
      ),
    }))
    .sort((a, b) => text.indexOf(a.name) - text.indexOf(b.name));
}

function occurrences(text: string, name: string): number {
  let count = 0;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) count += 1;
  }
  return count;
}

/** An all-caps line ("BREAKING: ...") makes every word look like an acronym. */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.replace(/[^\p{Lu}]/gu, '').length > letters.length / 2;
}
