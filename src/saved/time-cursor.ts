import { AppError } from '../errors.js';

/**
 * Opaque keyset cursors for newest-first listings ordered by (timestamp desc, id desc): saved
 * articles and search history. The timestamp travels with PostgreSQL's microseconds, so rows
 * that share a millisecond are neither skipped nor repeated.
 */
export interface TimeKey {
  /** ISO 8601 UTC with microseconds, as selected by timeKeySql in the repositories. */
  at: string;
  id: string;
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[1-9][0-9]{0,18}$/;

/** The cursor for the page after `key`. */
export function encodeTimeCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

/** The key a cursor stands for; 400 validation_failed when it is not one of ours. */
export function decodeTimeCursor(cursor: string | undefined): TimeKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string' &&
    ISO_MICROS.test(parsed[0]) &&
    !Number.isNaN(Date.parse(parsed[0])) &&
    ID.test(parsed[1])
  ) {
    return { at: parsed[0], id: parsed[1] };
  }
  throw new AppError('validation_failed', 'querystring/cursor is not a cursor from this listing');
}
