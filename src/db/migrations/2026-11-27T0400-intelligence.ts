import { sql, type Kysely } from 'kysely';

/**
 * What the background enrichment computes once per article (src/intelligence/enrichment/):
 * its sentiment, and the people, organisations and places it names. Everything hangs off
 * articles(id) ON DELETE CASCADE. Each result records the analyser and version that computed it,
 * so a new version makes those rows stale and the sweep or backfill recomputes them;
 * article_entity_runs marks an article as processed even when it names no entity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_sentiments')
    .addColumn('article_id', 'bigint', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('score', 'real', (c) => c.notNull().check(sql`score between -1 and 1`))
    .addColumn('label', 'text', (c) =>
      c.notNull().check(sql`label in ('positive', 'neutral', 'negative', 'unsupported')`),
    )
    .addColumn('analyser', 'text', (c) => c.notNull())
    .addColumn('analyser_version', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per distinct entity; `key` folds case, accents and titles (the extractor's choice).
  await db.schema
    .createTable('entities')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('person', 'organisation', 'place')`),
    )
    .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) between 1 and 200`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('entities_kind_key_key', ['kind', 'key'])
    .execute();

  await db.schema
    .createTable('article_entities')
    .addColumn('article_id', 'bigint', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('entity_id', 'bigint', (c) =>
      c.notNull().references('entities.id').onDelete('cascade'),
    )
    .addColumn('mentions', 'integer', (c) => c.notNull().check(sql`mentions > 0`))
    .addPrimaryKeyConstraint('article_entities_pkey', ['article_id', 'entity_id'])
    .execute();
  // From an entity to its articles (insights: top entities, trending).
  await db.schema
    .createIndex('article_entities_entity_id_idx')
    .on('article_entities')
    .columns(['entity_id', 'article_id'])
    .execute();

  await db.schema
    .createTable('article_entity_runs')
    .addColumn('article_id', 'bigint', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('extractor', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_entity_runs').execute();
  await db.schema.dropTable('article_entities').execute();
  await db.schema.dropTable('entities').execute();
  await db.schema.dropTable('article_sentiments').execute();
}
