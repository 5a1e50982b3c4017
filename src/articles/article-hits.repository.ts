import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { ArticleEntity, ArticleSentiment, ArticleSource } from './article.js';
import {
  headlineToHtml,
  MARK_END,
  MARK_START,
  SNIPPET_HEADLINE_OPTIONS,
  TITLE_HEADLINE_OPTIONS,
} from './snippet.js';
import type { ArticleHit } from './store-search.js';

export interface HitRow {
  id: string;
  canonical_url: string;
  url: string;
  title: string;
  description: string | null;
  content: string | null;
  author: string | null;
  image_url: string | null;
  language: string | null;
  published_at: Date;
  first_seen_at: Date;
  updated_at: Date;
  sources: SourceJson[];
  sentiment: ArticleSentiment | null;
  entities: ArticleEntity[];
  title_hl: string | null;
  snippet_hl: string | null;
}

interface SourceJson {
  provider: string;
  providerId: string;
  outlet: string | null;
  providerUrl: string | null;
  score: number | null;
  comments: number | null;
  fetchedAt: string;
}

/**
 * The full articles for a page of ids, in that order, with all their sources, sentiment and
 * entities (one statement: each is a lookup by article id), and, given a query, the title and a
 * snippet highlighted by ts_headline (see hitColumns).
 */
export async function hydrateHits(
  db: Db,
  page: readonly { id: string }[],
  query: string | null,
  scores: ReadonlyMap<string, number> | null,
  snippetChars: number,
): Promise<ArticleHit[]> {
  if (page.length === 0) return [];
  const tsquery = query === null ? null : sql<string>`${query}::tsquery`;
  const { rows } = await sql<HitRow>`
    select ${hitColumns(tsquery, snippetChars)}
    from articles a
    where a.id = any(${page.map((p) => p.id)}::bigint[])
  `.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.flatMap(({ id }) => {
    const row = byId.get(id);
    return row === undefined ? [] : [toHit(row, scores?.get(id) ?? null)];
  });
}

/**
 * The select list of a hit over articles `a`: the article, its sources, sentiment and entities
 * (each a lookup by article id) and, given a query, the title and a snippet highlighted by
 * ts_headline. The snippet reads only the first `snippetChars` of description + content:
 * ts_headline's cost grows with its input.
 */
export function hitColumns(
  query: RawBuilder<string> | null,
  snippetChars: number,
): RawBuilder<HitRow> {
  const sentinels = MARK_START + MARK_END;
  const highlights =
    query === null
      ? sql`null::text as title_hl, null::text as snippet_hl`
      : sql`ts_headline('english', translate(a.title, ${sentinels}, ''), ${query},
            ${TITLE_HEADLINE_OPTIONS}) as title_hl,
          ts_headline('english',
            translate(left(concat_ws(' ', a.description, a.content), ${snippetChars}), ${sentinels}, ''),
            ${query}, ${SNIPPET_HEADLINE_OPTIONS}) as snippet_hl`;
  return sql<HitRow>`a.id, a.canonical_url, a.url, a.title, a.description, a.content, a.author,
      a.image_url, a.language, a.published_at, a.first_seen_at, a.updated_at,
      coalesce((
        select json_agg(json_build_object(
          'provider', s.provider, 'providerId', s.provider_id, 'outlet', s.outlet,
          'providerUrl', s.provider_url, 'score', s.score, 'comments', s.comments,
          'fetchedAt', s.fetched_at) order by s.fetched_at, s.id)
        from article_sources s where s.article_id = a.id), '[]'::json) as sources,
      (select json_build_object('score', st.score, 'label', st.label)
        from article_sentiments st where st.article_id = a.id) as sentiment,
      coalesce((
        select json_agg(json_build_object('kind', e.kind, 'name', e.name, 'id', e.id::text)
          order by ae.mentions desc, e.name, e.id)
        from article_entities ae join entities e on e.id = ae.entity_id
        where ae.article_id = a.id), '[]'::json) as entities,
      ${highlights}`;
}

export function toHit(row: HitRow, score: number | null): ArticleHit {
  return {
    id: row.id,
    canonicalUrl: row.canonical_url,
    url: row.url,
    title: row.title,
    description: row.description,
    content: row.content,
    author: row.author,
    imageUrl: row.image_url,
    language: row.language,
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    sources: row.sources.map(toSource),
    sentiment: row.sentiment,
    entities: row.entities,
    highlight:
      row.title_hl === null
        ? null
        : { title: headlineToHtml(row.title_hl), snippet: headlineToHtml(row.snippet_hl ?? '') },
    score,
  };
}

function toSource(s: SourceJson): ArticleSource {
  return { ...s, fetchedAt: new Date(s.fetchedAt) };
}
