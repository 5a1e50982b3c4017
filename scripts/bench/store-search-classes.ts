/**
 * The query classes of the store-search benchmark, drawn from the seeded corpus's own vocabulary
 * (scripts/seed/synthetic-articles.ts) by frequency rank, so "rare" and "very common" mean what
 * they say on any database seeded by `npm run db:seed`.
 */
import { createRandom } from '../../src/sandbox/random.js';
import { PHRASES, type Corpus } from '../seed/synthetic-articles.js';

export interface QueryClass {
  name: string;
  /** The q values this class cycles through. */
  queries: string[];
  /** A date filter: a 30-day window at a random place in the corpus's span. */
  dated: boolean;
  /** Where each query's window starts, as a fraction of the span (one per query). */
  windows: number[];
}

const BASE: { name: string; make: (pick: (from: number, to: number) => string) => string }[] = [
  { name: 'rare term', make: (pick) => pick(60_000, 250_000) },
  { name: 'common term', make: (pick) => pick(150, 600) },
  { name: 'very common term', make: (pick) => pick(2, 8) },
  { name: 'two terms', make: (pick) => `${pick(40, 300)} ${pick(40, 300)}` },
  { name: 'phrase', make: (pick) => `"${pick(-1, -1)}"` },
  { name: 'OR', make: (pick) => `${pick(200, 2_000)} OR ${pick(200, 2_000)}` },
];

/** Every class, without and with a date filter, each with `variants` distinct queries. */
export function queryClasses(corpus: Corpus, variants: number): QueryClass[] {
  const random = createRandom('store-search-bench');
  // Phrases are a fixed list; "ranks" -1..-1 stand for "any phrase".
  const pick = (from: number, to: number): string =>
    from < 0 ? random.pick(PHRASES) : corpus.word(random.int(from, to));
  return BASE.flatMap((base) =>
    [false, true].map((dated) => ({
      name: dated ? `${base.name} + dates` : base.name,
      queries: Array.from({ length: variants }, () => base.make(pick)),
      dated,
      windows: Array.from({ length: variants }, () => random.next()),
    })),
  );
}
