import type { ArticleEntity } from '../articles/article.js';
import { TimeoutError, withTimeout } from '../timeouts.js';

export interface StoreData {
  /** Canonical URL -> article id of every story written, or undefined (persisted:false). */
  written: ReadonlyMap<string, string> | undefined;
  /** Entities earlier searches stored for these stories, by canonical URL. */
  known: ReadonlyMap<string, ArticleEntity[]>;
}

/**
 * What a miss's response takes from the store: the write-through's ids and the entity lookups
 * beside it, or (past `waitMs`) neither, so a stalled database delays a miss by `waitMs` at most,
 * as Redis's command timeout bounds the cache. The writes run on and each logs and counts its own
 * failure; `onLate` reports that the response went without them.
 */
export async function settleStoreData(
  writes: Promise<ReadonlyMap<string, string> | undefined>[],
  lookups: Promise<ReadonlyMap<string, ArticleEntity[]>>[],
  waitMs: number,
  onLate: () => void,
): Promise<StoreData> {
  try {
    const [results, found] = await withTimeout(
      Promise.all([Promise.all(writes), Promise.all(lookups)]),
      waitMs,
    );
    return { written: mergeWrites(results), known: new Map(found.flatMap((f) => [...f])) };
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    onLate();
    return { written: undefined, known: new Map() };
  }
}

/** All writes' ids, or undefined when any write failed (the response says persisted:false). */
function mergeWrites(
  results: (ReadonlyMap<string, string> | undefined)[],
): ReadonlyMap<string, string> | undefined {
  if (results.some((r) => r === undefined)) return undefined;
  return new Map(results.flatMap((r) => [...(r ?? [])]));
}
