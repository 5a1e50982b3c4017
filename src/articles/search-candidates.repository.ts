import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { RankedCandidate } from './relevance.js';
import {
  includedLexemes,
  windowStarts,
  withoutPhrases,
  type MatchEstimate,
} from './search-strategy.js';
import { isSentimentSort, type StoreSearchRequest } from './store-search.js';

/** What the first statement of a search learned (see article-search.repository.ts). */
export interface Prepared {
  /** The parsed query as tsquery text, or null without q. */
  query: string | null;
  nodes: number;
  indexable: boolean;
  snapshot: string;
  oldestMs: number | null;
  newestMs: number | null;
}

/** The WHERE clauses of one search, and the queries that find its candidates. */
export class CandidateSearch {
  private readonly query: RawBuilder<string> | null;

  constructor(
    private readonly request: StoreSearchRequest,
    private readonly prepared: Prepared,
    private readonly relevance: boolean,
  ) {
    this.query = prepared.query === null ? null : sql<string>`${prepared.query}::tsquery`;
  }

  /**
   * The planner's row estimates, in one EXPLAIN of a UNION ALL: matches, rows in the time range,
   * and, for a query of several words, rows holding each word (the GIN lists it will read).
   */
  async estimate(trx: Db): Promise<MatchEstimate> {
    const range = this.rangeClauses(true);
    const query = this.prepared.query ?? '';
    const lexemes = includedLexemes(query);
    const perWord = lexemes.length > 1 ? lexemes : [];
    const branches = [
      and([...range, ...this.matchClauses(this.query)]),
      and(range),
      ...(range.length > 0 ? [sql<boolean>`true`] : []),
      ...perWord.map((lexeme) => sql<boolean>`a.search @@ ${lexeme}::tsquery`),
    ].map((where) => sql`select 1 from articles a where ${where}`);
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`
      explain (format json) ${sql.join(branches, sql` union all `)}
    `.execute(trx);
    const estimates = branchRows(rows[0]?.['QUERY PLAN']);
    const unknown = Number.MAX_SAFE_INTEGER;
    const matches = estimates[0] ?? unknown;
    const rowsInRange = estimates[1] ?? unknown;
    const all = range.length > 0 ? (estimates[2] ?? unknown) : rowsInRange;
    const lexemeRows =
      perWord.length > 0
        ? estimates.slice(-perWord.length).map((n) => n ?? unknown)
        : [(matches * all) / Math.max(1, rowsInRange)];
    return {
      matches,
      rowsInRange,
      rows: all,
      lexemeRows,
      phrase: withoutPhrases(query) !== query,
      indexable: this.prepared.indexable,
    };
  }

  /** The newest `need` candidates below the cursor (and inside `extra`). */
  async fetch(trx: Db, need: number, extra: RawBuilder<boolean>[]): Promise<RankedCandidate[]> {
    const where = and([...this.rangeClauses(false), ...this.matchClauses(this.query), ...extra]);
    const newest = sql`
      select a.id, a.published_at, a.search from articles a where ${where}
      order by a.published_at desc, a.id desc limit ${need}`;
    const { sort } = this.request;
    const rank = isSentimentSort(sort)
      ? sql<number>`${sort === 'sentiment' ? 1 : -1}::float8 * (select st.score from
          article_sentiments st where st.article_id = c.id)`
      : this.relevance && this.query !== null
        ? sql<number>`ts_rank_cd(c.search, ${this.query}, 1)::float8`
        : sql<number>`0::float8`;
    const { rows } = await sql<{ id: string; published_at: string; rank: number }>`
      select c.id,
        to_char(c.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at,
        ${rank} as rank
      from (${newest}) c
      order by c.published_at desc, c.id desc
    `.execute(trx);
    return rows.map((r) => ({ id: r.id, publishedAt: r.published_at, rank: r.rank }));
  }

  /** fetch() over successive, widening time windows until `need` candidates are found. */
  async fetchInWindows(trx: Db, need: number, firstWindow: number): Promise<RankedCandidate[]> {
    const newest = Math.min(this.upperBoundMs(), this.prepared.newestMs ?? Infinity);
    const oldest = Math.max(
      this.request.filters.from?.getTime() ?? -Infinity,
      this.prepared.oldestMs ?? -Infinity,
    );
    if (!Number.isFinite(newest) || !Number.isFinite(oldest)) return this.fetch(trx, need, []);
    const found: RankedCandidate[] = [];
    let upper: Date | null = null;
    for (const start of windowStarts(newest, oldest, firstWindow)) {
      const window: RawBuilder<boolean>[] = [];
      if (start !== null) window.push(sql<boolean>`a.published_at >= ${new Date(start)}`);
      if (upper !== null) window.push(sql<boolean>`a.published_at < ${upper}`);
      found.push(...(await this.fetch(trx, need - found.length, window)));
      if (found.length >= need || start === null) break;
      upper = new Date(start);
    }
    return found;
  }

  private upperBoundMs(): number {
    const { after, filters } = this.request;
    const cursor =
      after !== undefined && 'publishedAt' in after ? Date.parse(after.publishedAt) : Infinity;
    return Math.min(cursor + 1, filters.before?.getTime() ?? Infinity);
  }

  /** Time range, snapshot and (for recency pages) the keyset position. */
  private rangeClauses(forEstimate: boolean): RawBuilder<boolean>[] {
    const { filters, after } = this.request;
    const clauses: RawBuilder<boolean>[] = [];
    if (filters.from !== undefined) clauses.push(sql<boolean>`a.published_at >= ${filters.from}`);
    if (filters.before !== undefined) {
      clauses.push(sql<boolean>`a.published_at < ${filters.before}`);
    }
    if (after !== undefined && 'publishedAt' in after) {
      // The estimate only needs the time bound; the row comparison is what pages exactly.
      clauses.push(
        forEstimate
          ? sql<boolean>`a.published_at <= ${after.publishedAt}::timestamptz`
          : sql<boolean>`(a.published_at, a.id) < (${after.publishedAt}::timestamptz, ${after.id}::bigint)`,
      );
    }
    if (!forEstimate) clauses.push(sql<boolean>`a.id <= ${this.prepared.snapshot}::bigint`);
    return clauses;
  }

  /** The text match and the filters on language, sources and sentiment. */
  private matchClauses(query: RawBuilder<string> | null): RawBuilder<boolean>[] {
    const { filters, sort } = this.request;
    const clauses: RawBuilder<boolean>[] = [];
    if (query !== null) clauses.push(sql<boolean>`a.search @@ ${query}`);
    if (filters.language !== undefined) {
      clauses.push(sql<boolean>`a.language = ${filters.language}`);
    }
    if (filters.provider !== undefined) {
      clauses.push(sql<boolean>`exists (select 1 from article_sources s
        where s.article_id = a.id and s.provider = ${filters.provider})`);
    }
    if (filters.outlet !== undefined) {
      clauses.push(sql<boolean>`exists (select 1 from article_sources s
        where s.article_id = a.id and s.outlet = ${filters.outlet})`);
    }
    if (filters.sentiment !== undefined) {
      clauses.push(sql<boolean>`exists (select 1 from article_sentiments st
        where st.article_id = a.id and st.label = ${filters.sentiment})`);
    } else if (isSentimentSort(sort)) {
      // Ordering by sentiment ranks analysed articles; the rest have no place in that order.
      clauses.push(sql<boolean>`exists (select 1 from article_sentiments st
        where st.article_id = a.id and st.label <> 'unsupported')`);
    }
    return clauses;
  }
}

function and(clauses: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return clauses.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(clauses, sql` and `)}`;
}

/** Plan Rows of each branch of the estimate's UNION ALL (undefined if the shape differs). */
function branchRows(plan: unknown): (number | undefined)[] {
  const root = Array.isArray(plan) ? (plan[0] as { Plan?: PlanNode } | undefined)?.Plan : undefined;
  return (root?.Plans ?? []).map((branch) => branch['Plan Rows']);
}

interface PlanNode {
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}
