/**
 * The mixed load: autocannon keep-alive connections on loopback, each sending its next request
 * when the last one answered, as signed-in users with API keys (Bearer, so no CSRF): cached
 * searches (a few queries warmed beforehand), uncached searches (a `from` no one asked before),
 * saves (PUT /v1/saved/:id) and history reads. Every answer is counted by kind and status; saves
 * answered 200/201 are remembered, so the checks can find each acknowledged one afterwards.
 */
import autocannon from 'autocannon';
import { percentile } from '../../scripts/bench/live-load.js';

export interface LoadUser {
  id: string;
  key: string;
  /** Articles this user saves during the load (they exist in the store). */
  articleIds: string[];
}

export type Kind = 'search-cached' | 'search-uncached' | 'save' | 'history';

const MIX: readonly [Kind, number][] = [
  ['search-cached', 0.35],
  ['search-uncached', 0.15],
  ['save', 0.25],
  ['history', 0.25],
];

export interface LoadOptions {
  base: string;
  users: readonly LoadUser[];
  cachedQueries: readonly string[];
  connections: number;
  seconds: number;
  /** A request still unanswered after this long counts as hung (autocannon's timeout). */
  timeoutMs: number;
}

export interface LoadResult {
  requests: number;
  /** Answers by status code, plus `timeout` and connection errors by code (`ECONNREFUSED`). */
  statuses: Record<string, number>;
  byKind: Record<Kind, Record<string, number>>;
  /** Error codes of 5xx answers, e.g. `502 upstream_unavailable`, with their counts. */
  serverErrors: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  timeouts: number;
  errors: number;
  /** Connection errors by code, e.g. ECONNREFUSED while the server is down. */
  errorCodes: Record<string, number>;
  /** `userId:articleId` of every save answered 200 or 201. */
  acknowledgedSaves: Set<string>;
}

let uncachedSequence = 0;
const topics = ['climate', 'election', 'economy', 'football', 'technology', 'health', 'science'];

interface Pending {
  kind: Kind;
  save?: string;
}

/** Runs the mix for `seconds`; resolves with what was answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const byKind = { 'search-cached': {}, 'search-uncached': {}, save: {}, history: {} } as Record<
    Kind,
    Record<string, number>
  >;
  const serverErrors: Record<string, number> = {};
  const acknowledgedSaves = new Set<string>();
  const errorCodes: Record<string, number> = {};
  const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const request: autocannon.Request = {
    method: 'GET',
    path: '/health/live',
    setupRequest: (req, context: { pending?: Pending }) => {
      const next = nextRequest(options);
      context.pending = next.pending;
      return { ...req, ...next.request };
    },
    onResponse: (status, body, context: { pending?: Pending }) => {
      const pending = context.pending;
      if (pending === undefined) return;
      bump(byKind[pending.kind], String(status));
      if (pending.save !== undefined && (status === 200 || status === 201)) {
        acknowledgedSaves.add(pending.save);
      }
      if (status >= 500) bump(serverErrors, `${status} ${errorCode(body)} (${pending.kind})`);
    },
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.seconds,
        timeout: options.timeoutMs / 1000,
        requests: [request],
      },
      (error, done) => {
        if (error !== null && error !== undefined) {
          reject(error instanceof Error ? error : new Error(String(error)));
        } else resolve(done);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
    instance.on('reqError', (error: Error & { code?: string }) => {
      if (error.message !== 'request timed out') bump(errorCodes, error.code ?? error.message);
    });
  });
  latencies.sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const counts of Object.values(byKind)) {
    for (const [status, n] of Object.entries(counts))
      statuses[status] = (statuses[status] ?? 0) + n;
  }
  const connectionErrors = result.errors - result.timeouts;
  if (result.timeouts > 0) statuses.timeout = result.timeouts;
  Object.assign(statuses, errorCodes);
  return {
    requests: latencies.length,
    statuses,
    byKind,
    serverErrors,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    timeouts: result.timeouts,
    errors: connectionErrors,
    errorCodes,
    acknowledgedSaves,
  };
}

function nextRequest(options: LoadOptions): {
  pending: Pending;
  request: { method: 'GET' | 'PUT'; path: string; headers: Record<string, string>; body?: string };
} {
  const user = pick(options.users);
  const headers: Record<string, string> = { authorization: `Bearer ${user.key}` };
  const kind = pickKind();
  switch (kind) {
    case 'search-cached': {
      const q = encodeURIComponent(pick(options.cachedQueries));
      return { pending: { kind }, request: { method: 'GET', path: `/v1/search?q=${q}`, headers } };
    }
    case 'search-uncached': {
      uncachedSequence += 1;
      // A `from` no one asked before is a new cache key with real matches behind it.
      const from = new Date(Date.now() - 20 * 86_400_000 - uncachedSequence * 1000).toISOString();
      const q = encodeURIComponent(pick(topics));
      const path = `/v1/search?q=${q}&from=${encodeURIComponent(from)}`;
      return { pending: { kind }, request: { method: 'GET', path, headers } };
    }
    case 'save': {
      const articleId = pick(user.articleIds);
      const body = JSON.stringify({ note: `note on ${articleId}`, tags: ['faults', 'load'] });
      return {
        pending: { kind, save: `${user.id}:${articleId}` },
        request: {
          method: 'PUT',
          path: `/v1/saved/${articleId}`,
          headers: { ...headers, 'content-type': 'application/json' },
          body,
        },
      };
    }
    case 'history':
      return { pending: { kind }, request: { method: 'GET', path: '/v1/history', headers } };
  }
}

function pickKind(): Kind {
  let roll = Math.random();
  for (const [kind, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'history';
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function errorCode(body: unknown): string {
  try {
    const parsed = JSON.parse(String(body)) as { error?: { code?: string } };
    return parsed.error?.code ?? 'no code';
  } catch {
    return 'not JSON';
  }
}
