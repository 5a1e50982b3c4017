import { AppError } from '../../errors.js';
import { parseDateBounds } from '../../articles/search-params.js';

export type TrendInterval = 'day' | 'hour';

/** Most buckets one trends answer holds (400 days, or 400 hours). */
export const MAX_BUCKETS = 400;
/** Longest period the entity rankings aggregate over. */
export const MAX_PERIOD_DAYS = 400;
/** Longest trending window: with its 7 baseline windows, 240 days are read. */
export const MAX_WINDOW_HOURS = 30 * 24;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEP: Record<TrendInterval, number> = { day: DAY, hour: HOUR };

/** A half-open period [from, before). */
export interface Period {
  from: Date;
  before: Date;
}

/**
 * from/to as in the store search (a date-only `to` covers its whole UTC day), defaulting to the
 * `defaultSpanMs` before now; reversed dates and periods longer than `maxSpanMs` are a 400.
 */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
  defaultSpanMs: number,
  maxSpanMs: number,
): Period {
  const bounds = parseDateBounds(from, to);
  const before = bounds.before ?? now;
  const start = bounds.from ?? new Date(before.getTime() - defaultSpanMs);
  if (start.getTime() >= before.getTime()) {
    throw new AppError('validation_failed', 'querystring/from must be before querystring/to');
  }
  if (before.getTime() - start.getTime() > maxSpanMs) {
    throw new AppError(
      'validation_failed',
      `The period from querystring/from to querystring/to may span at most ${describe(maxSpanMs)}`,
    );
  }
  return { from: start, before };
}

/** The trends period, its bucket count bounded by MAX_BUCKETS; defaults to 30 days or 48 hours. */
export function parseTrendPeriod(
  from: string | undefined,
  to: string | undefined,
  interval: TrendInterval,
  now: Date,
): Period & { buckets: Date[] } {
  const step = STEP[interval];
  const period = parsePeriod(from, to, now, (interval === 'day' ? 30 : 48) * step, Infinity);
  const first = Math.floor(period.from.getTime() / step) * step;
  const count = Math.ceil((period.before.getTime() - first) / step);
  if (count > MAX_BUCKETS) {
    throw new AppError(
      'validation_failed',
      `interval=${interval} allows at most ${MAX_BUCKETS} buckets (${MAX_BUCKETS} ${interval}s); ` +
        'narrow from/to or use a coarser interval',
    );
  }
  return {
    ...period,
    buckets: Array.from({ length: count }, (_, i) => new Date(first + i * step)),
  };
}

/** A trending window such as `24h` or `7d`, in milliseconds (1 hour to 30 days). */
export function parseWindow(window: string): number {
  const match = /^([1-9][0-9]{0,3})([hd])$/.exec(window);
  const hours = match === null ? NaN : Number(match[1]) * (match[2] === 'd' ? 24 : 1);
  if (!(hours >= 1 && hours <= MAX_WINDOW_HOURS)) {
    throw new AppError(
      'validation_failed',
      'querystring/window must be hours or days such as 24h or 7d, from 1h to 30d',
    );
  }
  return hours * HOUR;
}

function describe(ms: number): string {
  return ms % DAY === 0 ? `${ms / DAY} days` : `${ms / HOUR} hours`;
}
