import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { CallContext, ProviderPage } from '../provider.js';
import { isProviderError } from '../provider-error.js';
import { requestUpstream, type UpstreamResponse } from './request-upstream.js';

/** A page as a client's `toPage` adapts it, with the items it had to leave out by reason. */
export interface AdaptedUpstreamPage extends ProviderPage {
  dropped: Partial<Record<string, number>>;
}

/** What stays the same for every call a client makes. */
export interface PageFetcherOptions {
  provider: string;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

export interface PageRequest {
  /** The URL fetched; it may carry a key, so it is never logged. */
  url: string;
  headers: Record<string, string>;
  /** What is logged about the call instead of the URL. */
  endpoint: string;
  params: URLSearchParams;
  context: CallContext;
  /** Turns the upstream's answer into a page, or throws a ProviderError. */
  toPage: (response: UpstreamResponse) => AdaptedUpstreamPage;
  /** Rewrites a failure before it is logged and thrown (e.g. to redact a key). */
  mapError?: (error: unknown) => unknown;
}

/**
 * One GET for one page of a news API: the request, the adapted page, and the debug and warn log
 * lines every such client writes. Each client keeps what differs: its URL and how the key
 * travels, and how it reads the answer.
 */
export function pageFetcher(options: PageFetcherOptions) {
  const { provider, timeoutMs, clock, log } = options;
  return async function fetchPage(request: PageRequest): Promise<ProviderPage> {
    const fields = { provider, endpoint: request.endpoint, params: request.params.toString() };
    const started = clock.now().getTime();
    try {
      const response = await requestUpstream(provider, request.url, {
        headers: request.headers,
        signal: request.context.signal,
        timeoutMs,
      });
      const { articles, totalResults, dropped } = request.toPage(response);
      const outcome = { ...fields, durationMs: clock.now().getTime() - started, dropped };
      // Items failing the schema hint at a format change; the other drops are routine quirks.
      if (dropped.malformed !== undefined) {
        log.warn(outcome, 'Upstream items failed the wire schema');
      }
      log.debug({ ...outcome, articles: articles.length }, 'Upstream page adapted');
      return { articles, totalResults };
    } catch (error) {
      const failure = request.mapError === undefined ? error : request.mapError(error);
      // The resilience wrapper logs failures at warn; this adds what only the client knows.
      const detail = isProviderError(failure)
        ? { kind: failure.kind, status: failure.status, upstreamCode: failure.upstreamCode }
        : {};
      const durationMs = clock.now().getTime() - started;
      log.debug({ ...fields, ...detail, durationMs }, 'Upstream call failed');
      throw failure;
    }
  };
}
