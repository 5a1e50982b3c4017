import { bulkhead, BulkheadRejectedError } from 'cockatiel';

/**
 * Items that may wait per slot before more are shed. A healthy store drains a slot's queue in
 * well under a second (a page's write takes a few ms), so a burst of cold searches whose pages
 * arrive together queues rather than sheds; in a stall the queue bounds what is held in memory (a
 * page's drafts are a few hundred KB at most).
 */
const QUEUE_PER_SLOT = 20;

export interface StoreWorkLimit {
  /** Runs `work` once a slot is free, first come first served; rejects at once if none is near. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Items holding a slot and items waiting for one, now. */
  stats(): { running: number; queued: number };
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
  return {
    run: (work) => policy.execute(work),
    stats: () => ({ running: slots - policy.executionSlots, queued: queue - policy.queueSlots }),
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
