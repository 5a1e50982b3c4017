import { inspect } from 'node:util';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { CallContext, Provider, ProviderPage, SearchQuery, TopQuery } from '../provider.js';
import { isProviderError, ProviderError } from '../provider-error.js';
import { pageFetcher } from '../http/fetch-provider-page.js';
import type { UpstreamResponse } from '../http/request-upstream.js';
import { validateWire } from '../http/validate-wire.js';
import { parseQuery, renderBoolean } from '../query.js';
import { languageCode } from '../text.js';
import { adaptGuardianResults, GUARDIAN } from './guardian.adapter.js';
import { guardianError, isBeyondLastPage, isGuardianErrorBody, redact } from './guardian.errors.js';
import { GuardianSearchWire } from './guardian.wire.js';

export interface GuardianClientOptions {
  /** e.g. https://content.guardianapis.com */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

const MAX_PAGE_SIZE = 50;
const SHOW_FIELDS = 'trailText,headline,byline,thumbnail,shortUrl,bodyText,lastModified,wordcount';

/** A Provider over the Guardian Content API: /search by relevance, and /search newest-first for top. */
export function createGuardianClient(options: GuardianClientOptions): Provider {
  const { apiKey, timeoutMs, clock, log } = options;
  // Parsed once so a bad base URL fails at start-up (a URL parse error would quote the key).
  const baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');

  const fetchUpstreamPage = pageFetcher({ provider: GUARDIAN, timeoutMs, clock, log });

  async function fetchSearch(
    params: URLSearchParams,
    language: string | null,
    context: CallContext,
  ): Promise<ProviderPage> {
    // The Guardian only takes the key in the query string: it is added to the URL we fetch but
    // never to `params`, which is what gets logged.
    const withKey = new URLSearchParams(params);
    withKey.set('api-key', apiKey);
    return fetchUpstreamPage({
      url: `${baseUrl}/search?${withKey.toString()}`,
      headers: { Accept: 'application/json' },
      endpoint: '/search',
      params,
      context,
      toPage: (response) => toPage(response, language),
      mapError: (error) => withoutKey(error, apiKey),
    });
  }

  /** A 200 with the documented body becomes a page; anything else a ProviderError. */
  function toPage(response: UpstreamResponse, language: string | null) {
    // Asking past the last page means there is nothing more, not that the request was wrong.
    if (isBeyondLastPage(response)) return { articles: [], totalResults: 0, dropped: {} };
    if (response.status !== 200 || isGuardianErrorBody(response.json)) {
      throw guardianError(response, apiKey, clock.now());
    }
    const body = validateWire(GUARDIAN, GuardianSearchWire, response.json, 'Guardian response');
    const adapted = adaptGuardianResults(body.response.results, { language, now: clock.now() });
    return { ...adapted, totalResults: body.response.total };
  }

  return {
    id: GUARDIAN,
    displayName: 'The Guardian',
    async search(query: SearchQuery, context: CallContext) {
      const language = languageCode(query.language);
      const q = renderBoolean(parseQuery(query.q));
      const params = new URLSearchParams();
      if (q !== '') params.set('q', q);
      if (query.from !== undefined) params.set('from-date', isoDay(query.from));
      if (query.to !== undefined) params.set('to-date', isoDay(query.to));
      if (language !== null) params.set('lang', language);
      // Set explicitly: the Guardian's default ordering flips with the presence of q.
      params.set('order-by', q === '' ? 'newest' : 'relevance');
      params.set('page-size', String(pageSize(query.pageSize)));
      params.set('show-fields', SHOW_FIELDS);
      return fetchSearch(params, language, context);
    },
    async top(query: TopQuery, context: CallContext) {
      const language = languageCode(query.language);
      const params = new URLSearchParams();
      if (language !== null) params.set('lang', language);
      params.set('order-by', 'newest');
      params.set('page-size', String(pageSize(query.pageSize)));
      params.set('show-fields', SHOW_FIELDS);
      return fetchSearch(params, language, context);
    },
  };
}

function pageSize(requested: number): number {
  if (!Number.isFinite(requested)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(requested)));
}

/** yyyy-mm-dd in UTC: the form the Guardian documents for from-date / to-date. */
function isoDay(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new ProviderError(GUARDIAN, 'bad_request', 'Invalid date in the query');
  }
  return date.toISOString().slice(0, 10);
}

/**
 * The key rides in the URL, and a network error's cause can quote the URL. An error that mentions
 * the key anywhere is rebuilt with the key redacted and without its cause.
 */
function withoutKey(error: unknown, apiKey: string): unknown {
  if (!isProviderError(error) || apiKey === '') return error;
  const text = `${error.message}\n${inspect(error.cause, { depth: 6 })}`;
  if (!text.includes(apiKey)) return error;
  return new ProviderError(error.provider, error.kind, redact(error.message, apiKey), {
    status: error.status,
    upstreamCode: error.upstreamCode,
    retryAfterMs: error.retryAfterMs,
    retryable: error.retryable,
  });
}
