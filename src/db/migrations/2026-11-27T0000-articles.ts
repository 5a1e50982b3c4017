import { sql, type Kysely } from 'kysely';

/**
 * The article store: one row per story (unique canonical URL) plus one row per provider sighting.
 * The weighted tsvector is a stored generated column, so it can never disagree with the text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('canonical_url', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('content', 'text')
    .addColumn('author', 'text')
    .addColumn('image_url', 'text')
    .addColumn('language', 'text', (c) => c.check(sql`language ~ '^[a-z]{2,3}$'`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(content, '')), 'C')`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .createIndex('articles_search_idx')
    .on('articles')
    .using('gin')
    .column('search')
    .execute();
  // The dominant read is "newest first"; id breaks ties so keyset pagination is stable.
  await db.schema
    .createIndex('articles_published_at_idx')
    .on('articles')
    .expression(sql`published_at desc, id desc`)
    .execute();

  await db.schema
    .createTable('article_sources')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'bigint', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider ~ '^[a-z][a-z0-9_]*$'`))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('outlet', 'text')
    .addColumn('provider_url', 'text')
    .addColumn('score', 'integer')
    .addColumn('comments', 'integer', (c) => c.check(sql`comments >= 0`))
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('article_sources_provider_key', ['provider', 'provider_id'])
    .execute();
  await db.schema
    .createIndex('article_sources_article_id_idx')
    .on('article_sources')
    .column('article_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_sources').execute();
  await db.schema.dropTable('articles').execute();
}
