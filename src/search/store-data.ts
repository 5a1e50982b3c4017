import type { ArticleEntity } from '../articles/article.js';
import { waitAtMost } from './bounded-wait.js';

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
  const both = Promise.all([Promise.all(writes), Promise.all(lookups)]);
  const { value, late } = await waitAtMost(both, waitMs, undefined);
  if (late || value === undefined) {
    onLate();
    return { written: undefined, known: new Map() };
  }
  const [results, found] = value;
  return { written: mergeWrites(results), known: new Map(found.flatMap((f) => [...f])) };
}

/** All writes' ids, or undefined when any write failed (the response says persisted:false). */
function mergeWrites(
  results: (ReadonlyMap<string, string> | undefined)[],
): ReadonlyMap<string, string> | undefined {
  if (results.some((r) => r === undefined)) return undefined;
  return new Map(results.flatMap((r) => [...(r ?? [])]));
}
