import type { SearchStrategy } from './store-search.js';

/**
 * How a full-text query finds its newest `need` matches, decided per query from the planner's
 * estimate of how many rows match (docs/performance.md has the measurements behind the costs):
 *
 * - walk: follow the recency index newest first, testing each row, until `need` match. Costs
 *   need / density rows: cheap for common words, ruinous for rare ones (it would read the whole
 *   store to find a handful).
 * - bitmap over everything (firstWindow 1): the GIN index yields every match, each is fetched,
 *   the newest are kept. Costs every match: the way for rare words.
 * - bitmap in windows (firstWindow < 1): the GIN matches ANDed with a BRIN time window just
 *   below the upper bound, sized to hold about twice `need` matches, widened x4 only if it held
 *   too few. Costs the GIN postings (cheap) plus the window's rows: the way for the middle.
 */

/**
 * Microseconds per unit of work, measured on 1M articles (2 cores, 4.2 GB table in the OS cache
 * but not in shared_buffers: most heap pages a query touches are copied in from the OS).
 */
const COST = {
  /** Recency index entry + heap row + tsvector test (neighbouring rows share pages). */
  walkRow: 4,
  /** One GIN posting read (AND-ed lists are merged, skipping where they can). */
  posting: 0.05,
  /** One GIN result added to the bitmap. */
  bitmapEntry: 0.15,
  /** Exact heap fetch and recheck of one GIN result (about a page each). */
  heapRow: 10,
  /** One GIN result inside a window: its lossy BRIN page is read and each row on it rechecked. */
  windowRow: 12,
  /** One more statement (round trip, planning, BRIN scan), for when a window comes up short. */
  query: 1500,
} as const;

/** At most this many GIN results in range: fetch them all (about 10 ms of pages at most). */
export const RARE_MATCHES = 1000;
/** A window is sized for this many times the matches needed, to absorb estimate error. */
export const WINDOW_SAFETY = 2;
/** An underfilled window grows by this factor. */
export const WINDOW_GROWTH = 4;

/** The planner's estimates (EXPLAIN plan rows) a strategy is chosen from. */
export interface MatchEstimate {
  /** Rows matching the query and filters inside the time range. */
  matches: number;
  /** Rows inside the time range, whatever they contain. */
  rowsInRange: number;
  /** Rows in the store. */
  rows: number;
  /** Rows holding each (non-excluded) word of the query, store-wide: the GIN lists to read. */
  lexemeRows: number[];
  /** The query holds a phrase: GIN finds rows with all its words; positions are heap-checked. */
  phrase: boolean;
  /** False when the GIN index cannot narrow the query (e.g. only exclusions). */
  indexable: boolean;
}

export type SearchPlan =
  | { strategy: Extract<SearchStrategy, 'walk'> }
  | { strategy: Extract<SearchStrategy, 'bitmap'>; firstWindow: number };

/** Picks the cheapest way to find `need` matches; see the module comment. */
export function chooseStrategy(estimate: MatchEstimate, need: number): SearchPlan {
  if (!estimate.indexable) return { strategy: 'walk' };
  const rows = Math.max(1, estimate.rows, estimate.rowsInRange);
  const inRange = Math.max(1, Math.min(rows, estimate.rowsInRange));
  const share = inRange / rows;
  const rarest = Math.min(...estimate.lexemeRows, rows);
  // The planner takes the words of a phrase as independent, which they are not (a phrase's words
  // come together); the truth lies between its estimate and the rarest word, so take the
  // geometric mean. What GIN hands back for a phrase is every row with all its words.
  const matches = Math.max(
    1,
    estimate.phrase ? Math.sqrt(estimate.matches * rarest * share) : estimate.matches,
  );
  const found = estimate.phrase ? Math.max(matches / share, rarest) : matches / share;
  const foundInRange = found * share;
  const gin =
    estimate.lexemeRows.reduce((sum, n) => sum + Math.min(n, rows), 0) * COST.posting +
    found * COST.bitmapEntry;

  // Below the planner's resolution (words too rare for its statistics are all estimated at the
  // same small count), fetching every match is cheap and certain; windows would only add statements.
  if (foundInRange <= RARE_MATCHES) return { strategy: 'bitmap', firstWindow: 1 };
  const walk = Math.min(inRange, (need * inRange) / matches) * COST.walkRow;
  const everything = gin + foundInRange * COST.heapRow;
  const windowed =
    matches > WINDOW_SAFETY * need
      ? gin + WINDOW_SAFETY * need * (foundInRange / matches) * COST.windowRow + COST.query
      : Infinity;
  if (walk <= everything && walk <= windowed) return { strategy: 'walk' };
  if (everything <= windowed) return { strategy: 'bitmap', firstWindow: 1 };
  return { strategy: 'bitmap', firstWindow: (WINDOW_SAFETY * need) / matches };
}

/**
 * Lower bounds (epoch ms, newest first) of the successive windows between `newest` and
 * `oldest`, the first covering `firstWindow` of the span; the last is null (no lower bound), so
 * together they cover everything below `newest`.
 */
export function windowStarts(
  newest: number,
  oldest: number,
  firstWindow: number,
): (number | null)[] {
  const span = Math.max(0, newest - oldest);
  const starts: (number | null)[] = [];
  for (let fraction = firstWindow; fraction < 1; fraction *= WINDOW_GROWTH) {
    starts.push(Math.floor(newest - span * fraction));
  }
  starts.push(null);
  return starts;
}

/** The quoted lexemes of a tsquery text that are not excluded (!), at most `max`, deduplicated. */
export function includedLexemes(tsquery: string, max = 8): string[] {
  const found = new Set<string>();
  for (const match of tsquery.matchAll(/(!\s*)?('(?:[^'\\]|''|\\.)*')/g)) {
    if (match[1] === undefined && match[2] !== undefined) found.add(match[2]);
  }
  return [...found].slice(0, max);
}

/**
 * The tsquery text with phrase operators (<->, <N>) turned into AND. The planner estimates a
 * phrase as rarer than its words together, but the GIN index can only find rows holding all the
 * words (positions are checked on the heap), so that is what a phrase search pays for.
 */
export function withoutPhrases(tsquery: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < tsquery.length; i += 1) {
    const char = tsquery.charAt(i);
    if (quoted) {
      out += char;
      if (char === '\\') {
        out += tsquery.charAt(i + 1);
        i += 1;
      } else if (char === "'") {
        // '' is an escaped quote inside the lexeme; a single one closes it.
        if (tsquery.charAt(i + 1) === "'") {
          out += "'";
          i += 1;
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (char === "'") quoted = true;
    const phrase = /^<(?:-|\d+)>/.exec(tsquery.slice(i));
    if (phrase !== null) {
      out += '&';
      i += phrase[0].length - 1;
      continue;
    }
    out += char;
  }
  return out;
}
