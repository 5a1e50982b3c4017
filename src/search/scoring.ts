import { LRUCache } from 'lru-cache';
import type { ArticleDraft } from '../articles/article.js';
import type { ParsedQuery, QueryTerm } from '../providers/query.js';
import type { MergedStory } from './dedupe.js';
import { UNSPACED_SCRIPT, foldText } from './title-key.js';

/**
 * Explainable relevance for live search. Every part is in [0, 1]:
 *
 *   text      = best OR-clause of mean over its positive terms of
 *               (3·inTitle + 2·inDescription + 1·inContent) / 6
 *   recency   = 0.5 ^ (ageHours / halfLifeHours)            (future dates count as age 0)
 *   agreement = providers(story) / providersAsked            (capped at 1)
 *   total     = (0.1 + 0.9·text) · (0.5 + 0.5·recency) · (2 + agreement) / 3
 *
 * Text leads: a title hit (0.5 for a one-word query) outranks a content-only hit (0.17) even when
 * the title hit is four days older and seen by one provider of three. Age can at most halve a
 * score and agreement adds at most half again, so neither buries a better textual match for long.
 * The 0.1 floor keeps stories the upstream matched on text we don't hold (the Guardian searches
 * whole bodies, we keep an excerpt) ordered by recency and agreement instead of tied at zero.
 * Terms count once per field (presence, not frequency) so a story can't win by repeating a word;
 * an AND clause scores the share of its terms found, and a clause whose negated term appears
 * scores 0.
 */

export interface ScoreBreakdown {
  text: number;
  recency: number;
  agreement: number;
  total: number;
}

export interface ScoringOptions {
  now: Date;
  /** Providers asked in this search (agreement is relative to it). */
  providersAsked: number;
  /** Recency half-life in hours; default 48. */
  halfLifeHours?: number;
}

const DEFAULT_HALF_LIFE_HOURS = 48;
const FIELD_WEIGHTS = [
  ['title', 3],
  ['description', 2],
  ['content', 1],
] as const;
const MAX_TERM_SCORE = 6;
const TEXT_FLOOR = 0.1;
const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * Explainable relevance of a merged story for a parsed query: field-weighted term matches,
 * recency decay and cross-provider agreement (formula above).
 */
export function scoreStory(
  story: MergedStory,
  query: ParsedQuery,
  options: ScoringOptions,
): ScoreBreakdown {
  return createStoryScorer(query).score(story, options);
}

/**
 * The scoring of one search: which query terms each text contains is worked out once per text,
 * as each provider's page arrives (prepare), so scoring the merged stories after the slowest
 * provider is arithmetic.
 */
export interface StoryScorer {
  prepare(drafts: readonly ArticleDraft[]): void;
  score(story: MergedStory, options: ScoringOptions): ScoreBreakdown;
}

/** A query term folded once per search, not once per story and field. */
interface CompiledTerm {
  negated: boolean;
  /** What a searchable field must contain; null when the term has no word to find. */
  needle: string | null;
  /** Position among all the query's terms: its slot in a text's matches. */
  slot: number;
}

/** The scorer of one search: one per fetch, prepared page by page, then asked for each story. */
export function createStoryScorer(query: ParsedQuery): StoryScorer {
  let slots = 0;
  const clauses = query.map((clause) => clause.map((term) => compileTerm(term, slots++)));
  const terms = clauses.flat();
  // text -> for each term slot, whether the text contains it (1) or not (0)
  const matches = new Map<string, Uint8Array>();
  const NONE = new Uint8Array(slots);

  function matchesOf(text: string | null): Uint8Array {
    if (text === null) return NONE;
    let found = matches.get(text);
    if (found === undefined) {
      const folded = searchable(text);
      found = new Uint8Array(slots);
      for (const term of terms) {
        if (term.needle !== null && folded.includes(term.needle)) found[term.slot] = 1;
      }
      matches.set(text, found);
    }
    return found;
  }

  function clauseScore(clause: readonly CompiledTerm[], fields: readonly Uint8Array[]): number {
    let positives = 0;
    let sum = 0;
    for (const term of clause) {
      let weight = 0;
      for (let f = 0; f < fields.length; f += 1) {
        if (fields[f]?.[term.slot] === 1) weight += FIELD_WEIGHTS[f]?.[1] ?? 0;
      }
      if (term.negated && weight > 0) return 0;
      if (!term.negated) {
        positives += 1;
        sum += weight;
      }
    }
    return positives === 0 ? 0 : sum / (MAX_TERM_SCORE * positives);
  }

  return {
    prepare(drafts) {
      for (const draft of drafts) for (const [name] of FIELD_WEIGHTS) matchesOf(draft[name]);
    },
    score(story, options) {
      const fields = FIELD_WEIGHTS.map(([name]) => matchesOf(story[name]));
      let text = 0;
      for (const clause of clauses) text = Math.max(text, clauseScore(clause, fields));
      const halfLife =
        options.halfLifeHours !== undefined && options.halfLifeHours > 0
          ? options.halfLifeHours
          : DEFAULT_HALF_LIFE_HOURS;
      const ageHours = Math.max(0, options.now.getTime() - story.publishedAt.getTime()) / 3_600_000;
      const recency = 0.5 ** (ageHours / halfLife);
      const agreement = Math.min(1, story.providers.length / Math.max(1, options.providersAsked));
      const total =
        (TEXT_FLOOR + (1 - TEXT_FLOOR) * text) * (0.5 + 0.5 * recency) * ((2 + agreement) / 3);
      return { text, recency, agreement, total };
    },
  };
}

function compileTerm(term: QueryTerm, slot: number): CompiledTerm {
  const text = searchable(term.text);
  // Chinese, Japanese and Thai don't separate words with spaces: match anywhere in the run.
  const needle = text === ' ' ? null : UNSPACED_SCRIPT.test(text) ? text.trim() : text;
  return { negated: term.negated, needle, slot };
}

/**
 * Folded words joined by single spaces and padded, so " interest rates " found in a field means
 * the words are adjacent and in order: a phrase and a single word are matched the same way.
 */
function searchable(text: string | null): string {
  if (text === null) return ' ';
  let folded = recentTexts.get(text);
  if (folded === undefined) recentTexts.set(text, (folded = computeSearchable(text)));
  return folded;
}

// Popular stories come back in search after search: their fields are folded once.
const recentTexts = new LRUCache<string, string>({
  max: 5000,
  maxSize: 8_000_000,
  sizeCalculation: (folded, text) => folded.length + text.length,
});

function computeSearchable(text: string): string {
  // Most text is ASCII: the same words without Unicode property classes, several times faster.
  if (PRINTABLE_ASCII.test(text)) {
    const ascii = text.toLowerCase().split(/[^a-z0-9]+/);
    return ` ${ascii.filter((w) => w !== '').join(' ')} `;
  }
  const words = foldText(text)
    .replace(/\p{Cf}/gu, '')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w !== '');
  return ` ${words.join(' ')} `;
}
