import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { CallContext, Provider, ProviderPage, SearchQuery, TopQuery } from '../provider.js';
import { ProviderError } from '../provider-error.js';
import { pageFetcher } from '../http/fetch-provider-page.js';
import type { UpstreamResponse } from '../http/request-upstream.js';
import { validateWire } from '../http/validate-wire.js';
import { parseQuery, renderBoolean } from '../query.js';
import { languageCode } from '../text.js';
import { adaptNewsApiArticles, NEWSAPI } from './newsapi.adapter.js';
import { isNewsApiErrorBody, newsApiError } from './newsapi.errors.js';
import { NewsApiPageWire } from './newsapi.wire.js';

export interface NewsApiClientOptions {
  /** e.g. https://newsapi.org, no trailing slash. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

const MAX_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 500;

/** A Provider over NewsAPI v2: /v2/everything for search, /v2/top-headlines for top. */
export function createNewsApiClient(options: NewsApiClientOptions): Provider {
  const { apiKey, timeoutMs, clock, log } = options;
  // Parsed once so a bad base URL fails at start-up, not on every call.
  const baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');

  const fetchUpstreamPage = pageFetcher({ provider: NEWSAPI, timeoutMs, clock, log });

  async function fetchPage(
    endpoint: string,
    params: URLSearchParams,
    language: string | null,
    context: CallContext,
  ): Promise<ProviderPage> {
    // The key travels in X-Api-Key so that URLs, which get logged, never carry it.
    return fetchUpstreamPage({
      url: `${baseUrl}${endpoint}?${params.toString()}`,
      headers: { 'X-Api-Key': apiKey, Accept: 'application/json' },
      endpoint,
      params,
      context,
      toPage: (response) => toPage(response, language),
    });
  }

  /** A 200 with the documented body becomes a page; anything else a ProviderError. */
  function toPage(response: UpstreamResponse, language: string | null) {
    if (response.status !== 200 || isNewsApiErrorBody(response.json)) {
      throw newsApiError(response, apiKey);
    }
    const page = validateWire(NEWSAPI, NewsApiPageWire, response.json, 'NewsAPI response');
    const adapted = adaptNewsApiArticles(page.articles, { language, now: clock.now() });
    return { ...adapted, totalResults: page.totalResults };
  }

  return {
    id: NEWSAPI,
    displayName: 'NewsAPI',
    async search(query: SearchQuery, context: CallContext) {
      const language = languageCode(query.language);
      const params = new URLSearchParams({ q: searchTerms(query.q) });
      if (query.from !== undefined) params.set('from', isoSeconds(query.from));
      if (query.to !== undefined) params.set('to', isoSeconds(query.to));
      if (language !== null) params.set('language', language);
      params.set('sortBy', 'publishedAt');
      params.set('pageSize', String(pageSize(query.pageSize)));
      params.set('page', '1');
      return fetchPage('/v2/everything', params, language, context);
    },
    async top(query: TopQuery, context: CallContext) {
      const language = languageCode(query.language);
      // top-headlines needs some filter; the current docs only list the US edition.
      const params = new URLSearchParams(language === null ? { country: 'us' } : { language });
      params.set('pageSize', String(pageSize(query.pageSize)));
      return fetchPage('/v2/top-headlines', params, language, context);
    },
  };
}

/**
 * Our query in NewsAPI's AND/OR/NOT dialect. Refused locally when NewsAPI would refuse it
 * (nothing searchable, over 500 chars): each call counts against a 100-a-day budget.
 */
function searchTerms(input: string): string {
  const q = renderBoolean(parseQuery(input));
  if (q === '') throw badRequest('The query has no searchable terms');
  if (q.length > MAX_QUERY_LENGTH)
    throw badRequest(`NewsAPI queries are limited to ${MAX_QUERY_LENGTH} characters`);
  return q;
}

function pageSize(requested: number): number {
  if (!Number.isFinite(requested)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(requested)));
}

/** ISO 8601 in UTC to the second, with the Z so no one reads it as local time. */
function isoSeconds(date: Date): string {
  if (Number.isNaN(date.getTime())) throw badRequest('Invalid date in the query');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function badRequest(message: string): ProviderError {
  return new ProviderError(NEWSAPI, 'bad_request', message);
}
