import { AppError } from '../errors.js';

// Control characters (NUL is refused by PostgreSQL text outright) and our highlight sentinels.
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNWANTED = /[\u0000-\u001f\u007f\uE000\uE001]+/g;
const SEARCHABLE = /[\p{L}\p{N}]/u;

/** The 400 for a q that holds nothing a search can match on. */
export function noSearchableWords(): AppError {
  return new AppError(
    'validation_failed',
    'q has no searchable words (only punctuation, operators or words too common to index, like "the")',
  );
}

/**
 * q as websearch_to_tsquery will read it: control characters become spaces and whitespace is
 * collapsed. Operators and punctuation stay (websearch_to_tsquery never fails on them); a q
 * with no letter or digit at all is refused here, without a database round trip.
 */
export function cleanQuery(raw: string): string {
  const q = raw.replace(UNWANTED, ' ').replace(/\s+/g, ' ').trim();
  if (!SEARCHABLE.test(q)) throw noSearchableWords();
  return q;
}

/**
 * The from/to parameters as [from, before): a date-only `to` covers its whole UTC day, a
 * date-time `to` is inclusive to the millisecond. Reversed or impossible dates are a 400.
 */
export function parseDateBounds(
  from: string | undefined,
  to: string | undefined,
): { from?: Date; before?: Date } {
  const start = from === undefined ? undefined : parseDate(from, 'from');
  const end = to === undefined ? undefined : parseDate(to, 'to');
  const before =
    end === undefined ? undefined : new Date(end.getTime() + (isDateOnly(to) ? 86_400_000 : 1));
  if (start !== undefined && end !== undefined && start.getTime() > end.getTime()) {
    throw new AppError('validation_failed', 'querystring/from must not be after querystring/to');
  }
  return {
    ...(start === undefined ? {} : { from: start }),
    ...(before === undefined ? {} : { before }),
  };
}

function isDateOnly(value: string | undefined): boolean {
  return value !== undefined && value.length === 10;
}

function parseDate(value: string, name: string): Date {
  const date = new Date(isDateOnly(value) ? `${value}T00:00:00Z` : value);
  // Date rolls 2026-02-30 over to March; a real date prints back to the same calendar day.
  const invalid =
    Number.isNaN(date.getTime()) ||
    (isDateOnly(value) && date.toISOString().slice(0, 10) !== value);
  if (invalid) {
    throw new AppError('validation_failed', `querystring/${name} is not a valid date`);
  }
  return date;
}
