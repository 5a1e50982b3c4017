import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full GC before it starts
 * the next one: a fixed factor instead of the one V8 picks from how fast GC looks.
 *
 * A live search is mostly idle (waiting for its slowest provider), so V8 measures a mutator
 * utilisation near 1 and picks a growing factor near its minimum (1.1): with ~50 MB live (the
 * analysers' lexicons, the recent-title and recent-text caches), the next full GC starts ~6 MB
 * later. Each search promotes a megabyte or so (its pages and results outlive a scavenge or two),
 * so a mark-compact came every 5-6 searches, and its incremental marking steps (20-37 ms in all,
 * single steps up to 16 ms) run as the program allocates, which is exactly the window after the
 * slowest page, when dedup and scoring allocate most. Measured over 200 misses after the cache-hit
 * load phase of `npm run bench`: client-side overhead p50 / p99 12.1 / 36.6 and 12.1 / 27.6 ms with
 * V8's choice (~30 mark-compacts), 10.2 / 24.5 and 11.0 / 24.6 with a factor of 2 set here at start
 * (3-7 mark-compacts).
 *
 * The cost is memory: the old generation may reach twice its live size before it is collected
 * (~100 MB here), still far under the task's memory and bounded by --max-old-space-size as ever.
 */
const OLD_GEN_GROWING_PERCENT = 100;

/** Sets the factor for this process. V8 reads it each time it sizes the heap after a full GC. */
export function fixOldGenerationGrowth(percent = OLD_GEN_GROWING_PERCENT): void {
  if (!Number.isInteger(percent) || percent <= 0) throw new RangeError(`Bad percent: ${percent}`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
