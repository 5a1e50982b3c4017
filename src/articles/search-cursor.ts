import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import {
  isSentimentSort,
  type RecencyKey,
  type RelevanceKey,
  type SearchSort,
  type StoreSearchFilters,
} from './store-search.js';

/**
 * Opaque page cursors. A cursor carries where the previous page ended (the sort key, never an
 * offset), the snapshot (highest article id) and reference time of the listing's first page, so
 * later pages see the same candidate set and scores while new articles arrive, and a fingerprint
 * of the query it belongs to, so a cursor replayed against another query is refused.
 */

export interface CursorState {
  snapshot: string;
  referenceTime: Date;
  after: RecencyKey | RelevanceKey;
}

interface Payload {
  v: 1;
  f: string;
  s: string;
  t: number;
  k: [string, string] | [number, string];
}

const ID = /^[1-9][0-9]{0,18}$/;
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Identifies a query (text, filters, sort) so its cursors are not used with another one. */
export function queryFingerprint(
  q: string | undefined,
  filters: StoreSearchFilters,
  sort: SearchSort,
): string {
  const parts = [
    q ?? '',
    sort,
    filters.provider ?? '',
    filters.outlet ?? '',
    filters.language ?? '',
  ];
  parts.push(filters.from?.toISOString() ?? '', filters.before?.toISOString() ?? '');
  if (filters.sentiment !== undefined) parts.push(filters.sentiment);
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 12);
}

/** The cursor for the page after `state.after`. */
export function encodeCursor(fingerprint: string, state: CursorState): string {
  const key: Payload['k'] =
    'score' in state.after
      ? [state.after.score, state.after.id]
      : [state.after.publishedAt, state.after.id];
  const payload: Payload = {
    v: 1,
    f: fingerprint,
    s: state.snapshot,
    t: state.referenceTime.getTime(),
    k: key,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Reads a cursor issued for this query and sort; anything else is a 400 validation_failed. */
export function decodeCursor(cursor: string, fingerprint: string, sort: SearchSort): CursorState {
  const payload = parse(cursor);
  if (payload === undefined) {
    throw new AppError('validation_failed', 'querystring/cursor is not a cursor this API issued');
  }
  if (payload.f !== fingerprint) {
    throw new AppError(
      'validation_failed',
      'querystring/cursor belongs to a different query; send the same q, filters and sort',
    );
  }
  const [first, id] = payload.k;
  const after =
    (sort === 'relevance' || isSentimentSort(sort)) && typeof first === 'number'
      ? { score: first, id }
      : sort === 'recency' && typeof first === 'string' && ISO_MICROS.test(first)
        ? { publishedAt: first, id }
        : undefined;
  if (after === undefined) {
    throw new AppError('validation_failed', 'querystring/cursor is not a cursor this API issued');
  }
  return { snapshot: payload.s, referenceTime: new Date(payload.t), after };
}

function parse(cursor: string): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  const key: unknown = p.k;
  const valid =
    p.v === 1 &&
    typeof p.f === 'string' &&
    typeof p.s === 'string' &&
    ID.test(p.s) &&
    Number.isSafeInteger(p.t) &&
    Array.isArray(key) &&
    key.length === 2 &&
    typeof key[1] === 'string' &&
    ID.test(key[1]) &&
    (typeof key[0] === 'string' || (typeof key[0] === 'number' && Number.isFinite(key[0])));
  return valid ? (p as unknown as Payload) : undefined;
}
