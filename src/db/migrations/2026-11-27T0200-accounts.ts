import { sql, type Kysely } from 'kysely';

/**
 * Users and everything they own. Every owned table references users(id) ON DELETE CASCADE, so
 * deleting a user removes all of it in one statement; nothing owned outlives its owner.
 * Secrets are never stored as given: session tokens and API keys as SHA-256 hashes, OAuth tokens
 * encrypted (AES-256-GCM) with the id of the key that encrypted them, passwords as argon2id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // Stored as given for display, unique case-insensitively (index below); null for users who
    // only ever signed in with Reddit.
    .addColumn('email', 'text', (c) => c.check(sql`email is null or length(email) <= 320`))
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) =>
      c
        .notNull()
        .defaultTo('basic')
        .check(sql`tier in ('basic', 'premium')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email)) where email is not null`.execute(
    db,
  );

  // A sign-in method other than the password: (provider, subject) names one external account.
  await db.schema
    .createTable('identities')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(''))
    // AES-256-GCM envelopes (see src/auth/token-cipher.ts); the key id travels inside them.
    .addColumn('access_token', 'text')
    .addColumn('refresh_token', 'text')
    .addColumn('access_token_expires_at', 'timestamptz')
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('identities_provider_subject_key', ['provider', 'subject'])
    .execute();
  await db.schema
    .createIndex('identities_user_id_idx')
    .on('identities')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

  // OAuth `state` values in flight: single use, short-lived, bound to the browser that asked.
  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('browser_hash', 'bytea', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    // The first characters of the key, shown in listings so a user can tell keys apart.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_keys_user_id_idx').on('api_keys').column('user_id').execute();

  await db.schema
    .createTable('saved_articles')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_id', 'bigint', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('note', 'text', (c) => c.check(sql`note is null or length(note) <= 10000`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('saved_articles_pkey', ['user_id', 'article_id'])
    .execute();
  await sql`create index saved_articles_user_saved_idx on saved_articles (user_id, saved_at desc, article_id desc)`.execute(
    db,
  );
  await sql`create index saved_articles_tags_idx on saved_articles using gin (tags)`.execute(db);
  await db.schema
    .createIndex('saved_articles_article_id_idx')
    .on('saved_articles')
    .column('article_id')
    .execute();

  await db.schema
    .createTable('search_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('result_count', 'integer', (c) => c.notNull())
    .addColumn('searched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index search_history_user_idx on search_history (user_id, searched_at desc, id desc)`.execute(
    db,
  );

  await db.schema
    .createTable('preferences')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('preferences_pkey', ['user_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'preferences',
    'search_history',
    'saved_articles',
    'api_keys',
    'oauth_states',
    'sessions',
    'identities',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
