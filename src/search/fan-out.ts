import type { ArticleDraft } from '../articles/article.js';
import type { Clock } from '../clock.js';
import type { Provider, SearchQuery } from '../providers/provider.js';
import { isProviderError, type ProviderErrorKind } from '../providers/provider-error.js';
import type { OutcomeStatus } from './search.schemas.js';

export interface ProviderOutcome {
  provider: string;
  status: OutcomeStatus;
  count: number;
  durationMs: number;
  message?: string;
}

export interface FanOutResult {
  drafts: ArticleDraft[];
  outcomes: ProviderOutcome[];
}

const STATUS_BY_KIND: Partial<Record<ProviderErrorKind, OutcomeStatus>> = {
  timeout: 'timeout',
  cancelled: 'timeout',
  rate_limited: 'rate_limited',
  quota_exhausted: 'rate_limited',
  budget_exhausted: 'budget_exhausted',
};

/**
 * Asks every requested provider at once under one deadline. The answer comes when the last
 * provider answers or the deadline passes, whichever is first: a slow provider is reported as
 * `timeout` and cut off (its call is aborted), never waited for. Failures are outcomes, not
 * exceptions; the caller decides what "everyone failed" means.
 */
export async function fanOut(options: {
  requested: readonly string[];
  providers: ReadonlyMap<string, Provider>;
  query: SearchQuery;
  deadlineMs: number;
  clock: Clock;
  /** Called as each provider answers, so its drafts can be written while slower ones run. */
  onPage?: (provider: string, drafts: ArticleDraft[]) => void;
}): Promise<FanOutResult> {
  const { clock } = options;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), options.deadlineMs);
  });
  const started = clock.now().getTime();
  const elapsed = () => clock.now().getTime() - started;

  // Provider calls not settled yet: only those are worth aborting at the end.
  let running = 0;
  const calls = options.requested.map(async (id): Promise<[ProviderOutcome, ArticleDraft[]]> => {
    const provider = options.providers.get(id);
    if (provider === undefined) {
      return [{ provider: id, status: 'disabled', count: 0, durationMs: 0 }, []];
    }
    running += 1;
    const call = provider.search(options.query, { signal: controller.signal }).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    void call.finally(() => (running -= 1));
    const settled = await Promise.race([call, deadline]);
    if (settled === 'deadline') {
      return [
        {
          provider: id,
          status: 'timeout',
          count: 0,
          durationMs: elapsed(),
          message: 'No answer within the search deadline',
        },
        [],
      ];
    }
    if ('page' in settled) {
      // No more than was asked for: an upstream that sends thousands of items (the body cap is
      // 5 MiB) would otherwise make the title dedupe, quadratic in the sightings, eat the heap.
      const articles = settled.page.articles.slice(0, options.query.pageSize);
      // The provider's time ends here: what onPage does with the page is the search's own work.
      const durationMs = elapsed();
      options.onPage?.(id, articles);
      return [{ provider: id, status: 'ok', count: articles.length, durationMs }, articles];
    }
    const error = settled.error;
    const kind = isProviderError(error) ? error.kind : undefined;
    return [
      {
        provider: id,
        status: (kind && STATUS_BY_KIND[kind]) ?? 'error',
        count: 0,
        durationMs: elapsed(),
        message: isProviderError(error) ? error.message : 'Unexpected failure',
      },
      [],
    ];
  });

  try {
    const settled = await Promise.all(calls);
    return { outcomes: settled.map(([o]) => o), drafts: settled.flatMap(([, d]) => d) };
  } finally {
    clearTimeout(timer);
    // Whoever is still running lost the race: stop their upstream calls. When every call has
    // settled there is nothing to stop, and aborting would still build a DOMException and run
    // every listener the calls left on the signal (a quarter of a millisecond per search).
    if (running > 0) controller.abort();
  }
}
