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
  const fields = FIELD_WEIGHTS.map(([name, weight]) => ({ weight, text: searchable(story[name]) }));
  const text = Math.max(0, ...compiled(query).map((clause) => clauseScore(clause, fields)));
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
}

interface Field {
  weight: number;
  text: string;
}

/** A query term folded once per search, not once per story and field. */
interface CompiledTerm {
  negated: boolean;
  /** What a searchable field must contain; null when the term has no word to find. */
  needle: string | null;
}

// One search scores a few hundred stories against the same parsed query.
const compiledQueries = new WeakMap<ParsedQuery, CompiledTerm[][]>();

function compiled(query: ParsedQuery): CompiledTerm[][] {
  let clauses = compiledQueries.get(query);
  if (clauses === undefined) {
    clauses = query.map((clause) => clause.map(compileTerm));
    compiledQueries.set(query, clauses);
  }
  return clauses;
}

function compileTerm(term: QueryTerm): CompiledTerm {
  const text = searchable(term.text);
  // Chinese, Japanese and Thai don't separate words with spaces: match anywhere in the run.
  const needle = text === ' ' ? null : UNSPACED_SCRIPT.test(text) ? text.trim() : text;
  return { negated: term.negated, needle };
}

function clauseScore(clause: readonly CompiledTerm[], fields: readonly Field[]): number {
  const found = (term: CompiledTerm) =>
    term.needle === null ? [] : fields.filter((field) => field.text.includes(term.needle ?? ''));
  if (clause.some((term) => term.negated && found(term).length > 0)) return 0;
  const positive = clause.filter((term) => !term.negated);
  if (positive.length === 0) return 0;
  let sum = 0;
  for (const term of positive) for (const field of found(term)) sum += field.weight;
  return sum / (MAX_TERM_SCORE * positive.length);
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

// Each story's fields are folded once: when its provider's page arrives (prepareForScoring), not
// again when the merged set is scored after the slowest provider.
const recentTexts = new LRUCache<string, string>({
  max: 5000,
  maxSize: 8_000_000,
  sizeCalculation: (folded, text) => folded.length + text.length,
});

/** Folds the scored fields of drafts ahead of time, while slower providers are still running. */
export function prepareForScoring(drafts: readonly ArticleDraft[]): void {
  for (const draft of drafts) {
    for (const [name] of FIELD_WEIGHTS) searchable(draft[name]);
  }
}

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
