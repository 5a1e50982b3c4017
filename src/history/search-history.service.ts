import { Counter } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { decodeTimeCursor, encodeTimeCursor } from '../saved/time-cursor.js';
import {
  HISTORY_ENTRIES_PER_USER,
  type HistoryEntry,
  type SearchRecord,
} from './search-history.js';
import {
  clearHistory,
  deleteHistoryEntry,
  insertHistoryEntry,
  listHistory,
} from './search-history.repository.js';

export interface HistoryPage {
  entries: HistoryEntry[];
  nextCursor: string | null;
}

export interface SearchHistoryService {
  /**
   * Records a search in the background: the caller never waits for it and never sees it fail;
   * a failure is logged and counted (newsroom_search_history_failures_total).
   */
  record(userId: string, record: SearchRecord): void;
  list(
    userId: string,
    request: { limit: number; cursor?: string | undefined },
  ): Promise<HistoryPage>;
  /** 404 history_entry_not_found unless the entry is this user's. */
  remove(userId: string, id: string): Promise<void>;
  clear(userId: string): Promise<void>;
  /** Resolves when every recording started so far has finished (shutdown, tests). */
  drain(): Promise<void>;
}

export interface SearchHistoryDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  /** Entries kept per user (default HISTORY_ENTRIES_PER_USER). */
  keepPerUser?: number;
}

/** The searches each user made, bounded per user, recorded off the request path. */
export function createSearchHistoryService(deps: SearchHistoryDeps): SearchHistoryService {
  const { db, clock, log } = deps;
  const keep = deps.keepPerUser ?? HISTORY_ENTRIES_PER_USER;
  const failures = new Counter({
    name: 'newsroom_search_history_failures_total',
    help: 'Searches that could not be recorded in the search history.',
    registers: [deps.metrics.registry],
  });
  const pending = new Set<Promise<void>>();

  return {
    record(userId, record) {
      const write = insertHistoryEntry(db, userId, record, clock.now(), keep).catch(
        (error: unknown) => {
          failures.inc();
          log.error({ err: error, userId }, 'Search history write failed');
        },
      );
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },

    async list(userId, request) {
      const { entries, next } = await listHistory(
        db,
        userId,
        request.limit,
        decodeTimeCursor(request.cursor),
      );
      return { entries, nextCursor: next === null ? null : encodeTimeCursor(next) };
    },

    async remove(userId, id) {
      const deleted = /^[1-9][0-9]{0,17}$/.test(id) && (await deleteHistoryEntry(db, userId, id));
      if (!deleted) {
        throw new AppError('history_entry_not_found', `No history entry ${id.slice(0, 40)}`);
      }
    },

    async clear(userId) {
      await clearHistory(db, userId);
    },

    async drain() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
