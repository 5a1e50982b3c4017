import { intParam, param } from '../http.js';
import { parseQuery, type QueryNode } from '../search/query.js';

/** The Content API's /search parameters, with its own 400 messages for bad values. */

export type OrderBy = 'newest' | 'oldest' | 'relevance';

export interface SearchRequest {
  query: QueryNode | null;
  from: number | null;
  to: number | null;
  orderBy: OrderBy;
  page: number;
  pageSize: number;
  showFields: ReadonlySet<string> | 'all' | null;
  lang: string | null;
  /** `section` filter: AND of clauses, each an OR of section ids, some negated. */
  section: { ids: string[]; negated: boolean }[] | null;
}

export const DATE_MESSAGE =
  "Dates must be an ISO8601 date or datetime (e.g. 2010-07-20 or 2010-07-20T10:00:00+05:00). Remember to URL-encode the '+' if you provide a timezone offset.";

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A raw '+' in the query string arrives as a space, which fails this, as it does upstream.
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parsed request, or the message of the 400 the API would answer. */
export function parseSearch(query: unknown): SearchRequest | { error: string } {
  const from = parseDate(param(query, 'from-date'), 'start');
  const to = parseDate(param(query, 'to-date'), 'end');
  if (Number.isNaN(from) || Number.isNaN(to)) return { error: DATE_MESSAGE };
  const page = intParam(query, 'page', 1);
  if (Number.isNaN(page) || page < 1) return { error: 'page must be an integer greater than 0' };
  const pageSize = intParam(query, 'page-size', 10);
  if (Number.isNaN(pageSize) || pageSize < 1 || pageSize > 200) {
    return { error: 'page-size must be an integer between 1 and 200' };
  }
  const q = param(query, 'q')?.trim() ?? '';
  const order = param(query, 'order-by');
  const lang = param(query, 'lang')?.trim().toLowerCase() ?? '';
  if (order !== undefined && order !== 'newest' && order !== 'oldest' && order !== 'relevance') {
    return { error: 'order-by must be one of newest, oldest, relevance' };
  }
  return {
    query: q === '' ? null : parseQuery(q, { adjacent: 'OR' }),
    from,
    to,
    // Relevance is the default only when there is a query (upstream-apis.md §2.3).
    orderBy: order ?? (q === '' ? 'newest' : 'relevance'),
    page,
    pageSize,
    showFields: parseShowFields(param(query, 'show-fields')),
    lang: lang === '' ? null : lang,
    section: parseSection(param(query, 'section')),
  };
}

function parseShowFields(raw: string | undefined): ReadonlySet<string> | 'all' | null {
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) return null;
  return names.includes('all') ? 'all' : new Set(names);
}

function parseSection(raw: string | undefined): SearchRequest['section'] {
  const clauses = (raw ?? '')
    .replace(/[()]/g, '')
    .split(',')
    .filter((c) => c.trim() !== '');
  if (clauses.length === 0) return null;
  return clauses.map((clause) => {
    const negated = clause.trim().startsWith('-');
    const ids = clause
      .trim()
      .replace(/^-/, '')
      .split('|')
      .map((s) => s.trim());
    return { ids, negated };
  });
}

/** Epoch ms, null when absent, NaN when malformed. A date alone covers its whole day. */
function parseDate(raw: string | undefined, edge: 'start' | 'end'): number | null {
  if (raw === undefined || raw === '') return null;
  if (DATE.test(raw)) {
    const start = Date.parse(`${raw}T00:00:00Z`);
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  if (!DATETIME.test(raw)) return Number.NaN;
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(raw) ? raw : `${raw}Z`);
}
