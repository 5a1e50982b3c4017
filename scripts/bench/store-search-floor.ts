/**
 * The floor under the store-search figures: what PostgreSQL alone takes to answer the cheapest
 * class (a very common word, newest matches ranked) when a search is a single statement on a
 * dedicated connection, with nothing of ours around it: no transaction, no strategy choice, no
 * cursor, one round trip. If that misses a latency goal at some concurrency on this machine, no
 * client code can meet it there; the gap between it and ArticleService.list is what our own
 * layers cost.
 *
 * Same work as a first page of `GET /v1/articles?q=…` sorted by relevance: the newest 100 matches
 * walked on the recency index, ranked by ts_rank_cd × the recency factor, the best 20 read with
 * their sources and, in the first variant, highlighted by ts_headline as the API does.
 */
import pg from 'pg';
import { SNIPPET_HEADLINE_OPTIONS, TITLE_HEADLINE_OPTIONS } from '../../src/articles/snippet.js';
import { DEFAULT_TUNING, RECENCY_DAYS } from '../../src/articles/store-search.js';
import { measure, type RunResult } from './store-search-measure.js';

export interface FloorResult {
  name: string;
  runs: RunResult[];
}

// The API's own bounds: the candidates relevance ranks, the snippet's source text, a page.
const { relevanceCandidates, snippetSourceChars } = DEFAULT_TUNING;
const PAGE = 20;

function statement(highlight: boolean): string {
  const highlights = highlight
    ? `ts_headline('english', a.title, q.q, $2) as title_hl,
       ts_headline('english', left(concat_ws(' ', a.description, a.content), ${snippetSourceChars}), q.q, $3) as snippet_hl`
    : `null as title_hl, null as snippet_hl`;
  return `
    with q as (select websearch_to_tsquery('english', $1) as q),
    candidates as (
      select c.id, ts_rank_cd(c.search, q.q, 1)
        * (0.5 + 0.5 * exp(-extract(epoch from now() - c.published_at) / 86400.0 / ${RECENCY_DAYS})) as score
      from q, lateral (
        select id, published_at, search from articles where search @@ q.q
        order by published_at desc, id desc limit ${relevanceCandidates}) c
    ),
    page as (select id, score from candidates order by score desc, id desc limit ${PAGE})
    select a.id, a.canonical_url, a.url, a.title, a.description, a.content, a.author,
      a.image_url, a.language, a.published_at, a.first_seen_at, a.updated_at, p.score,
      coalesce((select json_agg(json_build_object('provider', s.provider, 'providerId',
        s.provider_id, 'outlet', s.outlet, 'providerUrl', s.provider_url, 'score', s.score,
        'comments', s.comments, 'fetchedAt', s.fetched_at) order by s.fetched_at, s.id)
        from article_sources s where s.article_id = a.id), '[]'::json) as sources,
      ${highlights}
    from page p join articles a on a.id = p.id, q
    order by p.score desc, p.id desc`;
}

/**
 * Both variants (with and without ts_headline) at 1 and 20 clients, each client on its own
 * connection with JIT off and the recency walk pinned, as the API pins it for this class.
 */
export async function measureFloor(
  connectionString: string,
  queries: readonly string[],
  iterations: number,
): Promise<FloorResult[]> {
  const clients = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const client = new pg.Client({ connectionString, application_name: 'newsroom-bench-floor' });
      await client.connect();
      await client.query('set jit = off; set enable_bitmapscan = off; set enable_seqscan = off');
      return client;
    }),
  );
  try {
    const results: FloorResult[] = [];
    for (const highlight of [true, false]) {
      const text = statement(highlight);
      const params = (i: number) => [
        queries[i % queries.length] ?? '',
        ...(highlight ? [TITLE_HEADLINE_OPTIONS, SNIPPET_HEADLINE_OPTIONS] : []),
      ];
      // Each call holds a connection of its own: at most `concurrency` calls are in flight.
      const free = [...clients];
      const run = (concurrency: number) =>
        measure(iterations, concurrency, async (i) => {
          const client = free.pop();
          if (client === undefined) throw new Error('more calls in flight than connections');
          try {
            return await client.query(text, params(i));
          } finally {
            free.push(client);
          }
        });
      await run(1); // warm-up: plans and pages of this shape
      results.push({
        name: highlight ? 'one statement, with highlights' : 'one statement, no highlights',
        runs: [await run(1), await run(20)],
      });
    }
    return results;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
