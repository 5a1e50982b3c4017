import type { ArticleListQueryParams } from '../articles/article.schemas.js';
import type { ArticlePage, ArticleService } from '../articles/article.service.js';
import type { Principal } from '../auth/principal.js';
import type { SearchRecord } from '../history/search-history.js';
import type { SearchHistoryService } from '../history/search-history.service.js';
import type { Logger } from '../logger.js';
import type { EffectivePreferences, PreferenceService } from '../preferences/preference.service.js';
import type { SearchQueryParams } from './search.schemas.js';
import type { SearchResponse, SearchService } from './search.service.js';

/**
 * The searches as a signed-in caller sees them: parameters the request left out come from the
 * caller's preferences (providers, language, results per page), stories from excluded outlets
 * are removed from the page, and a first page is recorded in the search history. Anonymous
 * requests, and callers without such preferences, get the search service's answer untouched,
 * down to the cached bytes.
 */
export interface PersonalSearch {
  /** GET /v1/search. `given`: the query parameters the caller actually sent. */
  search(
    principal: Principal | null,
    params: SearchQueryParams,
    given: ReadonlySet<string>,
  ): Promise<SearchResponse>;
  /** GET /v1/articles; recorded only when it searches (q). */
  listArticles(
    principal: Principal | null,
    params: ArticleListQueryParams,
    given: ReadonlySet<string>,
  ): Promise<ArticlePage>;
}

export interface PersonalSearchDeps {
  search: SearchService;
  articles: ArticleService;
  preferences: PreferenceService;
  history: SearchHistoryService;
  log: Logger;
}

/** The names of the query parameters in a raw request URL (the schema fills in defaults later). */
export function givenParams(rawUrl: string | undefined): ReadonlySet<string> {
  const query = rawUrl?.split('?', 2)[1];
  return query === undefined ? new Set() : new Set(new URLSearchParams(query).keys());
}

export function createPersonalSearch(deps: PersonalSearchDeps): PersonalSearch {
  /** The caller's preferences; a failure to read them degrades to an impersonal search. */
  async function preferencesOf(userId: string): Promise<EffectivePreferences | undefined> {
    try {
      return await deps.preferences.effective(userId);
    } catch (error) {
      deps.log.error({ err: error, userId }, 'Preferences unavailable for a search');
      return undefined;
    }
  }

  function record(userId: string, prefs: EffectivePreferences, entry: SearchRecord): void {
    if (prefs.values.history_enabled) deps.history.record(userId, entry);
  }

  return {
    async search(principal, params, given) {
      if (principal === null) return deps.search.search(params);
      const prefs = await preferencesOf(principal.userId);
      if (prefs === undefined) return deps.search.search(params);
      const effective = {
        ...params,
        ...preferred(prefs, given),
        ...preferredProviders(prefs, given),
      };
      const result = await deps.search.search(effective);
      // A later page is the same search continued, not a new one.
      if (params.cursor === undefined) {
        record(principal.userId, prefs, liveSearchRecord(effective, result.total));
      }
      return withoutExcludedLive(result, excludedOutlets(prefs));
    },

    async listArticles(principal, params, given) {
      if (principal === null) return deps.articles.list(params);
      const prefs = await preferencesOf(principal.userId);
      if (prefs === undefined) return deps.articles.list(params);
      const effective = { ...params, ...preferred(prefs, given) };
      const page = await deps.articles.list(effective);
      if (effective.q !== undefined && params.cursor === undefined) {
        record(principal.userId, prefs, storeSearchRecord(effective, page));
      }
      const excluded = excludedOutlets(prefs);
      if (excluded === undefined) return page;
      const articles = page.articles.filter(
        (a) => !a.sources.some((s) => s.outlet !== null && excluded.has(s.outlet.toLowerCase())),
      );
      return { ...page, articles };
    },
  };
}

/**
 * The parameters the caller's preferences supply because the request named none. Only values the
 * user set apply: an unset one leaves the service's own default (and everyone's cache entries).
 */
function preferred(
  prefs: EffectivePreferences,
  given: ReadonlySet<string>,
): { limit?: number; language?: string } {
  const { values, set } = prefs;
  return {
    ...(!given.has('limit') && set.has('results_per_page')
      ? { limit: values.results_per_page }
      : {}),
    ...(!given.has('language') && values.language !== null ? { language: values.language } : {}),
  };
}

/** Live search only: the store listing filters by one provider at most. */
function preferredProviders(
  prefs: EffectivePreferences,
  given: ReadonlySet<string>,
): { providers?: string } {
  return !given.has('providers') && prefs.set.has('default_providers')
    ? { providers: prefs.values.default_providers.join(',') }
    : {};
}

function excludedOutlets(prefs: EffectivePreferences): ReadonlySet<string> | undefined {
  const outlets = prefs.values.excluded_outlets;
  return outlets.length === 0 ? undefined : new Set(outlets.map((o) => o.toLowerCase()));
}

interface LiveBody {
  results: { outlets: string[] }[];
}

/**
 * The page without stories any excluded outlet carried. Only then is the body parsed and
 * re-serialised; `total` and `nextCursor` still describe the whole result set.
 */
function withoutExcludedLive(
  result: SearchResponse,
  excluded: ReadonlySet<string> | undefined,
): SearchResponse {
  if (excluded === undefined) return result;
  const body = JSON.parse(result.body.toString('utf8')) as LiveBody;
  const kept = body.results.filter((r) => !r.outlets.some((o) => excluded.has(o.toLowerCase())));
  if (kept.length === body.results.length) return result;
  return { ...result, body: Buffer.from(JSON.stringify({ ...body, results: kept }), 'utf8') };
}

function liveSearchRecord(params: SearchQueryParams, total: number): SearchRecord {
  const providers = params.providers
    ?.split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  return {
    query: collapse(params.q),
    params: defined({
      endpoint: 'search',
      providers:
        providers === undefined || providers.length === 0
          ? undefined
          : [...new Set(providers)].sort(),
      language: params.language?.toLowerCase(),
      from: isoOf(params.from),
      to: isoOf(params.to),
      sort: params.sort,
    }),
    resultCount: total,
  };
}

function storeSearchRecord(params: ArticleListQueryParams, page: ArticlePage): SearchRecord {
  return {
    query: collapse(params.q ?? ''),
    params: defined({
      endpoint: 'articles',
      provider: params.provider,
      outlet: params.outlet,
      language: params.language,
      from: params.from,
      to: params.to,
      sort: page.sort,
    }),
    resultCount: page.articles.length,
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isoOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** Only the parameters that were present, so equal searches have equal params. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
