import type { ArticleDraft, ArticleEntity } from '../articles/article.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { TimeoutError, withTimeout } from '../timeouts.js';
import { isShed, type StoreWorkLimit } from './store-work.js';

export interface StoreData {
  /** Canonical URL -> article id of every story written, or undefined (persisted:false). */
  written: ReadonlyMap<string, string> | undefined;
  /** Entities earlier searches stored for these stories, by canonical URL. */
  known: ReadonlyMap<string, ArticleEntity[]>;
}

export interface StoreAccessDeps {
  /** Writes drafts to the store; returns canonical URL -> article id. */
  persist: (drafts: ArticleDraft[]) => Promise<ReadonlyMap<string, string>>;
  /**
   * The entities the store already has for stories, by canonical URL (enriched by earlier
   * searches); absent, or failing, leaves `entities` null.
   */
  knownEntities?: (canonicalUrls: string[]) => Promise<ReadonlyMap<string, ArticleEntity[]>>;
  /** Bounds the connections the write-through and entity lookups hold; absent, none. */
  storeWork?: StoreWorkLimit | undefined;
  metrics: Metrics;
  log: Logger;
}

/**
 * A provider page's write-through and entity lookup, each within live search's share of the pool
 * (store-work.ts) and neither able to fail the search: a failure or a shed write resolves
 * undefined (persisted:false), a failed or shed lookup an empty map; each is counted and logged.
 */
export function createStoreAccess(deps: StoreAccessDeps) {
  const { metrics, log } = deps;
  const run = <T>(work: () => Promise<T>): Promise<T> =>
    deps.storeWork === undefined ? work() : deps.storeWork.run(work);

  return {
    async write(drafts: ArticleDraft[]): Promise<ReadonlyMap<string, string> | undefined> {
      try {
        return await run(() => deps.persist(drafts));
      } catch (error) {
        if (isShed(error)) {
          metrics.storeShed.inc({ work: 'write' });
          log.warn(
            { articles: drafts.length },
            'Search skipped its write: its share of the database pool is busy and its queue full',
          );
        } else {
          metrics.persistFailures.inc();
          log.error({ err: error, articles: drafts.length }, 'Search write-through failed');
        }
        return undefined;
      }
    },

    async lookUpEntities(drafts: ArticleDraft[]): Promise<ReadonlyMap<string, ArticleEntity[]>> {
      const { knownEntities } = deps;
      if (knownEntities === undefined) return new Map<string, ArticleEntity[]>();
      try {
        return await run(() => knownEntities(drafts.map((d) => d.canonicalUrl)));
      } catch (error) {
        if (isShed(error)) {
          metrics.storeShed.inc({ work: 'lookup' });
        } else {
          log.warn({ err: error }, 'Search could not read known entities');
        }
        return new Map<string, ArticleEntity[]>();
      }
    },
  };
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
