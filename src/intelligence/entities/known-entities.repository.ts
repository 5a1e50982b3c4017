import { sql } from 'kysely';
import type { ArticleEntity } from '../../articles/article.js';
import { executePrepared, type Db } from '../../db/database.js';

/**
 * The entities the store already knows for articles, by canonical URL: for live search, whose
 * results are stories fetched just now, many of them stored and enriched by earlier searches.
 * Articles not stored yet, or stored but not analysed yet, are absent from the map (a result
 * then says null: not known, rather than "names nobody"). One statement, by the unique index,
 * prepared: every provider page of every live search runs it (see executePrepared).
 */
export async function findKnownEntities(
  db: Db,
  canonicalUrls: readonly string[],
): Promise<Map<string, ArticleEntity[]>> {
  if (canonicalUrls.length === 0) return new Map();
  const statement = sql<{ canonical_url: string; entities: ArticleEntity[] }>`
    select a.canonical_url,
      coalesce((
        select json_agg(json_build_object('kind', e.kind, 'name', e.name, 'id', e.id::text)
          order by ae.mentions desc, e.name, e.id)
        from article_entities ae join entities e on e.id = ae.entity_id
        where ae.article_id = a.id), '[]'::json) as entities
    from articles a
    where a.canonical_url = any(${canonicalUrls}::text[])
      and exists (select 1 from article_entity_runs r where r.article_id = a.id)
  `;
  const { rows } = await executePrepared(db, 'known_entities', statement.compile(db));
  return new Map(rows.map((r) => [r.canonical_url, r.entities]));
}
