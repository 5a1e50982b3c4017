import { intParam, param } from '../http.js';
import { parseQuery, type QueryNode } from '../search/query.js';
import {
  MESSAGES,
  maximumResultsReached,
  parameterInvalid,
  tooFarInThePast,
  type NewsapiError,
} from './errors.js';

/**
 * NewsAPI's request parameters, validated in its order: required parameters, sources, dates,
 * paging and the developer plan's 100-result cap.
 */

export type SearchField = 'title' | 'description' | 'content';
export type SortBy = 'publishedAt' | 'relevancy' | 'popularity';

interface Paging {
  page: number;
  pageSize: number;
}

export interface EverythingRequest extends Paging {
  query: QueryNode | null;
  titleQuery: QueryNode | null;
  searchIn: readonly SearchField[];
  sources: readonly string[] | null;
  domains: readonly string[] | null;
  excludeDomains: readonly string[];
  from: number;
  to: number | null;
  language: string | null;
  sortBy: SortBy;
}

export interface TopHeadlinesRequest extends Paging {
  query: QueryNode | null;
  sources: readonly string[] | null;
  country: string | null;
  category: string | null;
  language: string | null;
}

const DIALECT = { adjacent: 'AND' } as const;
const DAY_MS = 86_400_000;
/** The developer plan searches about a month back. */
export const HISTORY_DAYS = 30;

const list = (value: string | undefined): string[] | null => {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return items.length === 0 ? null : items;
};
const text = (query: unknown, name: string): string | null => {
  const value = param(query, name)?.trim();
  return value === undefined || value === '' ? null : value;
};

/** Validates /v2/everything; `anchor` is the start of the current UTC day. */
export function parseEverything(query: unknown, anchor: number): EverythingRequest | NewsapiError {
  const q = text(query, 'q');
  const qInTitle = text(query, 'qInTitle');
  const sources = list(param(query, 'sources'));
  const domains = list(param(query, 'domains'));
  if (q === null && qInTitle === null && sources === null && domains === null) {
    return { status: 400, code: 'parametersMissing', message: MESSAGES.everythingMissing };
  }
  if (q !== null && q.length > 500)
    return parameterInvalid('The q parameter must be 500 characters or fewer.');
  if (sources !== null && sources.length > 20) {
    return { status: 400, code: 'sourcesTooMany', message: MESSAGES.sourcesTooMany };
  }
  const earliest = anchor - HISTORY_DAYS * DAY_MS;
  const from = parseDate(param(query, 'from'), 'start');
  const to = parseDate(param(query, 'to'), 'end');
  if (Number.isNaN(from))
    return parameterInvalid(
      'The from parameter is invalid. Use an ISO 8601 date or datetime, e.g. 2026-03-01 or 2026-03-01T10:00:00.',
    );
  if (Number.isNaN(to))
    return parameterInvalid(
      'The to parameter is invalid. Use an ISO 8601 date or datetime, e.g. 2026-03-01 or 2026-03-01T10:00:00.',
    );
  if (from !== null && from < earliest) {
    return tooFarInThePast(isoDate(earliest), isoDate(from));
  }
  const paging = parsePaging(query, 100);
  if ('code' in paging) return paging;
  const searchIn = (list(param(query, 'searchIn')) ?? ['title', 'description', 'content']).filter(
    (f): f is SearchField => f === 'title' || f === 'description' || f === 'content',
  );
  const sortBy = param(query, 'sortBy');
  return {
    ...paging,
    query: q === null ? null : parseQuery(q, DIALECT),
    titleQuery: qInTitle === null ? null : parseQuery(qInTitle, DIALECT),
    searchIn: searchIn.length > 0 ? searchIn : ['title', 'description', 'content'],
    sources,
    domains,
    excludeDomains: list(param(query, 'excludeDomains')) ?? [],
    from: from ?? earliest,
    to,
    language: text(query, 'language')?.toLowerCase() ?? null,
    sortBy: sortBy === 'relevancy' || sortBy === 'popularity' ? sortBy : 'publishedAt',
  };
}

/** Validates /v2/top-headlines. */
export function parseTopHeadlines(query: unknown): TopHeadlinesRequest | NewsapiError {
  const q = text(query, 'q');
  const sources = list(param(query, 'sources'));
  const country = text(query, 'country')?.toLowerCase() ?? null;
  const category = text(query, 'category')?.toLowerCase() ?? null;
  const language = text(query, 'language')?.toLowerCase() ?? null;
  if (
    q === null &&
    sources === null &&
    country === null &&
    category === null &&
    language === null
  ) {
    return { status: 400, code: 'parametersMissing', message: MESSAGES.topHeadlinesMissing };
  }
  if (sources !== null && (country !== null || category !== null)) {
    return parameterInvalid(MESSAGES.mixedSources);
  }
  if (sources !== null && sources.length > 20) {
    return { status: 400, code: 'sourcesTooMany', message: MESSAGES.sourcesTooMany };
  }
  const paging = parsePaging(query, 20);
  if ('code' in paging) return paging;
  return {
    ...paging,
    query: q === null ? null : parseQuery(q, DIALECT),
    sources,
    country,
    category,
    language,
  };
}

function parsePaging(query: unknown, defaultSize: number): Paging | NewsapiError {
  const page = intParam(query, 'page', 1);
  const size = intParam(query, 'pageSize', defaultSize);
  if (Number.isNaN(page) || page < 1)
    return parameterInvalid('The page parameter must be a whole number greater than 0.');
  if (Number.isNaN(size))
    return parameterInvalid('The pageSize parameter must be a whole number between 1 and 100.');
  // Larger pages are served as 100; the cap is on how deep a query reaches.
  const pageSize = Math.min(100, Math.max(1, size));
  if (page * pageSize > 100) return maximumResultsReached(page, pageSize);
  return { page, pageSize };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms, null when absent, NaN when malformed. Dates alone cover the whole day. */
function parseDate(raw: string | undefined, edge: 'start' | 'end'): number | null {
  const value = raw?.trim();
  if (value === undefined || value === '') return null;
  if (DATE.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return edge === 'start' ? start : start + DAY_MS - 1;
  }
  if (!DATETIME.test(value)) return Number.NaN;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
  return Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
