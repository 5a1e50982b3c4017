import { bulkhead, BulkheadRejectedError } from 'cockatiel';
import { TimeoutError, withTimeout } from '../timeouts.js';

/**
 * Items that may wait per slot before more are shed. A healthy store drains a slot's queue in
 * well under a second (a page's write takes a few ms), so a burst of cold searches whose pages
 * arrive together queues rather than sheds; in a stall the queue bounds what is held in memory (a
 * page's drafts are a few hundred KB at most).
 */
const QUEUE_PER_SLOT = 20;

export interface StoreWorkLimit {
  /**
   * Runs `work` once a slot is free, first come first served; rejects at once (see isShed) when
   * every slot and queue place is taken.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Items holding a slot and items waiting for one, now. */
  stats(): { running: number; queued: number };
  /**
   * Waits up to `timeoutMs` for every item accepted so far to finish (at shutdown, so that writes
   * a stalled store held back still land before the pool closes); false if some had not.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

/**
 * Caps the database connections live search's store work (the write-through and the entity
 * lookups beside it) holds at once. A database that stalls instead of refusing (a lock, a
 * failover, a saturated instance) holds every write until its statement timeout, and each miss
 * makes up to one write and one read per provider: without a cap a handful of misses would take
 * the whole pool, and sign-in, API-key checks and saves would wait for it and fail. Past the slots
 * work queues (so a short burst still lands); past the queue it is shed, and the search answers
 * persisted:false as it does when a write fails.
 */
export function createStoreWorkLimit(slots: number): StoreWorkLimit {
  const queue = slots * QUEUE_PER_SLOT;
  const policy = bulkhead(slots, queue);
  const accepted = new Set<Promise<void>>();
  return {
    run(work) {
      const result = policy.execute(work);
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      accepted.add(settled);
      void settled.then(() => accepted.delete(settled));
      return result;
    },
    stats: () => ({ running: slots - policy.executionSlots, queued: queue - policy.queueSlots }),
    async drain(timeoutMs) {
      try {
        await withTimeout(Promise.all([...accepted]), timeoutMs);
        return true;
      } catch (error) {
        if (error instanceof TimeoutError) return false;
        throw error;
      }
    },
  };
}

/** Whether `run` refused the work because every slot and queue place was taken. */
export function isShed(error: unknown): boolean {
  return error instanceof BulkheadRejectedError;
}

/** The configured slots, else half the pool (at least one), leaving the rest to everything else. */
export function storeWorkSlots(poolMax: number, configured: number | undefined): number {
  return configured ?? Math.max(1, Math.floor(poolMax / 2));
}
