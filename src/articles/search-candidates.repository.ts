import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import {
  includedLexemes,
  windowStarts,
  withoutPhrases,
  type MatchEstimate,
} from './search-strategy.js';
import { isSentimentSort, type StoreSearchRequest } from './store-search.js';

/** What the inspecting statement of a first-time search learned (article-search.repository.ts). */
export interface Inspected {
  /** The parsed query as tsquery text, or null without q. */
  query: string | null;
  nodes: number;
  indexable: boolean;
  span: StoreSpan;
}

/** Publication times (epoch ms) of the store's oldest and newest articles, null when empty. */
export interface StoreSpan {
  oldestMs: number | null;
  newestMs: number | null;
}

/** The WHERE clauses of one search, its estimate, and the SQL that finds its candidates. */
export class CandidateSearch {
  /** The parsed query: websearch_to_tsquery accepts any text, operators included. */
  readonly query: RawBuilder<string> | null;

  constructor(
    private readonly request: StoreSearchRequest,
    private readonly relevance: boolean,
  ) {
    this.query =
      request.q === undefined
        ? null
        : sql<string>`websearch_to_tsquery('english', ${request.q}::text)`;
  }

  /**
   * The planner's row estimates, in one EXPLAIN of a UNION ALL: matches, rows in the time range,
   * and, for a query of several words, rows holding each word (the GIN lists it will read).
   */
  async estimate(trx: Db, inspected: Inspected): Promise<MatchEstimate> {
    const range = this.rangeClauses(true);
    const query = inspected.query ?? '';
    const lexemes = includedLexemes(query);
    const perWord = lexemes.length > 1 ? lexemes : [];
    const branches = [
      and([...range, ...this.matchClauses(sql<string>`${query}::tsquery`)]),
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
      indexable: inspected.indexable,
    };
  }

  /**
   * The newest `need` matches below the cursor (id, published_at, rank), newest first, as one
   * subquery. Given windows (lower bounds from windowStarts, newest first; the last null reaches
   * back to the start), each window is a branch of a UNION ALL under the LIMIT: PostgreSQL runs
   * the branches in order and stops pulling once `need` rows came back, so a wider window is
   * read only when the narrower ones held too few.
   */
  candidates(need: number, windows: readonly (number | null)[] = [null]): RawBuilder<unknown> {
    const where = [...this.rangeClauses(false), ...this.matchClauses(this.query)];
    const branches = windows.map((start, i) => {
      // Each window ends where the newer one before it starts.
      const upper = i === 0 ? null : (windows[i - 1] ?? null);
      const window: RawBuilder<boolean>[] = [];
      if (start !== null) window.push(sql<boolean>`a.published_at >= ${new Date(start)}`);
      if (upper !== null) window.push(sql<boolean>`a.published_at < ${new Date(upper)}`);
      return sql`(select a.id, a.published_at, a.search from articles a
        where ${and([...where, ...window])}
        order by a.published_at desc, a.id desc limit ${need})`;
    });
    return sql`select c.id, c.published_at, ${this.rank()} as rank
      from (select w.* from (${sql.join(branches, sql` union all `)}) w limit ${need}) c`;
  }

  /**
   * Lower bounds of the time windows a bitmap search reads (windowStarts), between the upper
   * bound (cursor or filter) and the lower one (filter or the store's oldest article).
   */
  windows(firstWindow: number, span: StoreSpan): (number | null)[] {
    if (firstWindow >= 1) return [null];
    const newest = Math.min(this.upperBoundMs(), span.newestMs ?? Infinity);
    const oldest = Math.max(
      this.request.filters.from?.getTime() ?? -Infinity,
      span.oldestMs ?? -Infinity,
    );
    if (!Number.isFinite(newest) || !Number.isFinite(oldest)) return [null];
    return windowStarts(newest, oldest, firstWindow);
  }

  /** What orders a candidate: its text rank, its sentiment score, or nothing (recency). */
  private rank(): RawBuilder<number> {
    const { sort } = this.request;
    if (isSentimentSort(sort)) {
      return sql<number>`${sort === 'sentiment' ? 1 : -1}::float8 * (select st.score from
          article_sentiments st where st.article_id = c.id)`;
    }
    return this.relevance && this.query !== null
      ? sql<number>`ts_rank_cd(c.search, ${this.query}, 1)::float8`
      : sql<number>`0::float8`;
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
    // A later page sees only what the first one could (its snapshot: the highest id then).
    if (!forEstimate && this.request.snapshot !== undefined) {
      clauses.push(sql<boolean>`a.id <= ${this.request.snapshot}::bigint`);
    }
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
