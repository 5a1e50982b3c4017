import { sql, type Kysely } from 'kysely';

/**
 * Store search at scale (docs/performance.md):
 * - the tsvector stays in the heap row (STORAGE MAIN) instead of TOAST, because every candidate
 *   the search looks at reads it (match check, ranking) and a TOAST fetch per row cost ~3x more;
 *   incompressible, so it is kept uncompressed and content moves out of line first. Affects rows
 *   written from now on; existing rows move on their next update or a VACUUM FULL;
 * - a higher statistics target on the tsvector, so the planner's match estimates (which pick the
 *   search strategy) know the 10,000 most frequent lexemes instead of 1,000;
 * - a BRIN index on published_at: a time window costs a few hundred index tuples however many
 *   rows it spans (the b-tree costs ~0.13 µs per row in a bitmap), so a window can be ANDed with
 *   the GIN matches cheaply. It relies on rows being stored roughly in publication order, as a
 *   news feed ingests them; autosummarize keeps new page ranges indexed;
 * - an index to find articles by outlet without walking the whole store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table articles alter column search set storage main`.execute(db);
  await sql`alter table articles alter column search set statistics 1000`.execute(db);
  await sql`create index articles_published_at_brin on articles
    using brin (published_at) with (autosummarize = on)`.execute(db);
  await db.schema
    .createIndex('article_sources_outlet_idx')
    .on('article_sources')
    .columns(['outlet', 'article_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('article_sources_outlet_idx').execute();
  await db.schema.dropIndex('articles_published_at_brin').execute();
  await sql`alter table articles alter column search set statistics -1`.execute(db);
  await sql`alter table articles alter column search set storage extended`.execute(db);
}
