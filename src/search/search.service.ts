import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ArticleEntity } from '../articles/article.js';
import { isSentimentSort } from '../articles/store-search.js';
import type { Cache } from '../cache/cache.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Provider } from '../providers/provider.js';
import { createDeduper } from './dedupe.js';
import type { HeadlineSentiment } from './headline-sentiment.js';
import { createStoryScorer } from './scoring.js';
import { createStoreAccess, settleStoreData, type StoreAccessDeps } from './store-data.js';
import { fanOut, type ProviderOutcome } from './fan-out.js';
import type { PageCache } from './search-cache.js';
import {
  createSearchKeys,
  encodeCursor,
  type CanonicalSearch,
  type PageRequest,
} from './search-params.js';
import {
  cacheableEntry,
  sortResults,
  toStoredResults,
  withSentiment,
  withStoreData,
  type ResultsEntry,
  type StoredResult,
} from './search-results.js';
import type { SearchQueryParams } from './search.schemas.js';
import type { SingleFlight } from './single-flight.js';
import type { YoungGenHeadroom } from './young-gen-headroom.js';

export interface SearchResponse {
  /** The JSON body as UTF-8 bytes, serialised and encoded once and cached as such. */
  body: Buffer;
  cache: 'HIT' | 'MISS';
  /** Results in the whole result set (all pages). */
  total: number;
  /** Seconds since the results were fetched from the providers. */
  ageSeconds: number;
}

export interface SearchService {
  search(params: SearchQueryParams): Promise<SearchResponse>;
}

export interface SearchSettings {
  ttlSeconds: number;
  /** TTL when a provider failed or the write-through did not land (see ttlOf). */
  partialTtlSeconds: number;
  deadlineMs: number;
  /**
   * How long a miss waits for its write-through (and the entity lookups beside it) after the
   * last provider answered; past it, the response goes out without them (persisted:false).
   */
  persistWaitMs: number;
  /** Items asked of each provider. */
  perProvider: number;
}

/** With StoreAccessDeps (store-data.ts): persist, knownEntities, storeWork, metrics, log. */
export interface SearchDeps extends StoreAccessDeps {
  providers: ReadonlyMap<string, Provider>;
  knownProviders: readonly string[];
  cache: Cache;
  pages: PageCache;
  flights: SingleFlight;
  settings: SearchSettings;
  /** Headline sentiment for each result; absent leaves `sentiment` null. */
  sentiment?: HeadlineSentiment | undefined;
  /** Garbage collection while waiting for the slowest provider, not after (young-gen-headroom). */
  headroom?: YoungGenHeadroom | undefined;
  clock: Clock;
}

/**
 * Live search: cache-aside in front of a deadline-bounded fan-out to the providers, one fan-out
 * per distinct search at a time (single flight), then dedup, scoring and a write-through to the
 * store that may fail without failing the search.
 */
export function createSearchService(deps: SearchDeps): SearchService {
  const { clock, metrics } = deps;
  const store = createStoreAccess(deps);

  async function fetchResults(search: CanonicalSearch): Promise<ResultsEntry> {
    // Each provider's drafts are written as soon as it answers, hidden behind the slower ones.
    const writes: Promise<ReadonlyMap<string, string> | undefined>[] = [];
    const lookups: Promise<ReadonlyMap<string, ArticleEntity[]>>[] = [];
    const preparing: Promise<void>[] = [];
    const deduper = createDeduper();
    const scorer = createStoryScorer(search.parsed);
    let fannedOut = false;
    const { outcomes } = await fanOut({
      onPage: (provider, page) => {
        writes.push(store.write(page));
        // A read beside the write, on another connection: what earlier searches had enriched.
        lookups.push(store.lookUpEntities(page));
        // What can be done per page is, so the slowest provider's page is all that is left; on
        // the next turn of the event loop, once the write's statement is on the wire, so that
        // PostgreSQL works on it meanwhile. Pages take their place in the merge by request
        // order, whatever order they arrive in.
        const prepared = nextTurn().then(() => {
          deduper.add(page, search.providers.indexOf(provider));
          scorer.prepare(page);
        });
        // Awaited after the fan-out; until then a failure must not count as unhandled.
        prepared.catch(() => undefined);
        preparing.push(prepared);
        // Headline sentiment is needed only for the rendered page (withSentiment): analysed
        // ahead in the time a slower provider leaves, never for the last page to arrive (by this
        // turn, the fan-out has returned after it). Then, while that provider is still awaited,
        // room in the young generation for its page.
        void nextTurn()
          .then(() => {
            if (fannedOut) return;
            deps.sentiment?.prepare(page);
            deps.headroom?.make();
          })
          .catch(() => undefined);
      },
      requested: search.providers,
      providers: deps.providers,
      query: {
        q: search.q,
        from: search.from ?? undefined,
        to: search.to ?? undefined,
        language: search.language ?? undefined,
        pageSize: deps.settings.perProvider,
      },
      deadlineMs: deps.settings.deadlineMs,
      clock,
    });
    fannedOut = true;
    for (const o of outcomes)
      metrics.providerOutcomes.inc({ provider: o.provider, status: o.status });
    const answered = outcomes.filter((o) => o.status === 'ok');
    if (answered.length === 0) throw unavailable(outcomes);

    // Dedup and scoring run here while PostgreSQL works on the last provider's write.
    await Promise.all(preparing);
    const now = clock.now();
    const results = toStoredResults(deduper.groups(), scorer, {
      now,
      providersAsked: search.providers.length,
    });
    const waitMs = deps.settings.persistWaitMs;
    const { written, known } = await settleStoreData(writes, lookups, waitMs, () => {
      metrics.persistTimeouts.inc();
      deps.log.warn({ waitedMs: waitMs }, 'Search answered without its write: the store was slow');
    });
    const partial = outcomes.some((o) => o.status !== 'ok' && o.status !== 'disabled');
    const persisted = written !== undefined;
    return {
      fetchedAt: now.toISOString(),
      expiresAt: now.getTime() + ttlOf({ partial, persisted }) * 1000,
      partial,
      persisted,
      outcomes,
      results: withStoreData(results, written ?? new Map(), known),
    };
  }

  /**
   * The short TTL when a provider failed or the write-through did not land, so that a recovered
   * provider, or the article ids a recovered store gives (saving needs them), show up soon.
   */
  function ttlOf(entry: { partial: boolean; persisted: boolean }): number {
    const complete = !entry.partial && entry.persisted;
    return complete ? deps.settings.ttlSeconds : deps.settings.partialTtlSeconds;
  }

  function renderPage(
    entry: ResultsEntry,
    key: string,
    page: PageRequest,
  ): { body: Buffer; total: number } {
    // Filtering or ordering by sentiment reads every result's; otherwise the page's suffice.
    if (page.sentiment !== null || isSentimentSort(page.sort)) {
      withSentiment(entry.results, deps.sentiment);
    }
    const ordered = sortResults(selected(entry, page), page.sort);
    const end = page.offset + page.limit;
    const rendered = ordered.slice(page.offset, end);
    withSentiment(rendered, deps.sentiment);
    const json = JSON.stringify({
      results: rendered,
      total: ordered.length,
      nextCursor: end < ordered.length ? encodeCursor(key, end) : null,
      providers: entry.outcomes,
      partial: entry.partial,
      persisted: entry.persisted,
      fetchedAt: entry.fetchedAt,
    });
    return { body: Buffer.from(json, 'utf8'), total: ordered.length };
  }

  const keysOf = createSearchKeys(deps.knownProviders, [...deps.providers.keys()]);

  return {
    async search(params) {
      const { search, key, page, keyOfPage } = keysOf(params);
      const now = clock.now().getTime();

      const cachedPage = await deps.pages.get(keyOfPage);
      if (cachedPage !== undefined) {
        metrics.searchCache.inc({ result: 'hit' });
        return {
          body: cachedPage.body,
          cache: 'HIT',
          total: cachedPage.total,
          ageSeconds: age(cachedPage.createdAt, now),
        };
      }

      let entry = await deps.cache.get<ResultsEntry>(key);
      let hit = entry !== undefined && entry.expiresAt > now;
      if (entry === undefined || !hit) {
        const flight = await deps.flights.run(
          key,
          () => fetchResults(search),
          () => deps.cache.get<ResultsEntry>(key),
          // After this response is on its way: analysing and serialising the whole result set
          // (~200 KB) is not this request's work. The SET is not awaited: it is on the wire
          // before the flight's lock is released (one Redis connection runs commands in order).
          async (fetched) => {
            const bytes = await cacheableEntry(fetched, deps.sentiment);
            void deps.cache.setRaw(key, bytes, ttlOf(fetched));
          },
        );
        entry = flight.value;
        hit = false;
        metrics.searchCache.inc({ result: flight.shared ? 'shared' : 'miss' });
      } else {
        metrics.searchCache.inc({ result: 'hit' });
      }
      const createdAt = Date.parse(entry.fetchedAt);
      const { body, total } = renderPage(entry, key, page);
      // Not awaited either: until it lands, the same page is rendered again from the results.
      void deps.pages.set(keyOfPage, { body, total, createdAt, expiresAt: entry.expiresAt });
      return { body, cache: hit ? 'HIT' : 'MISS', total, ageSeconds: age(createdAt, now) };
    },
  };
}

/** The results a page is drawn from: all of them, or those with the sentiment asked for. */
function selected(entry: ResultsEntry, page: PageRequest): StoredResult[] {
  const { sentiment } = page;
  return sentiment === null
    ? entry.results
    : entry.results.filter((r) => r.sentiment?.label === sentiment);
}

function age(createdAt: number, now: number): number {
  return Math.max(0, Math.floor((now - createdAt) / 1000));
}

function unavailable(outcomes: ProviderOutcome[]): AppError {
  const summary = outcomes.map((o) => `${o.provider}: ${o.status}`).join(', ');
  return new AppError('upstream_unavailable', `No provider answered (${summary})`, {
    retryable: true,
    details: { providers: outcomes },
  });
}
