import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import {
  findArticleById,
  listArticles,
  upsertArticle,
  upsertArticles,
  writeArticles,
} from './article.repository.js';

describe('article store', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it('keeps one article per canonical URL with one source row per provider', async () => {
    const story = articleDraft({ title: 'Central bank holds rates' });
    const id = await upsertArticle(database.db, story);
    const again = await upsertArticle(database.db, {
      ...story,
      description: 'The bank kept rates at 4%.',
      source: { ...story.source, provider: 'guardian', providerId: 'business/2026/rates' },
    });
    await upsertArticle(database.db, {
      ...story,
      source: {
        ...story.source,
        provider: 'reddit',
        providerId: 't3_abc',
        outlet: 'r/economics',
        score: 120,
        comments: 45,
      },
    });
    assert.equal(again, id);
    const article = await findArticleById(database.db, id);
    assert.equal(article?.sources.length, 3);
    assert.deepEqual(article?.sources.map((s) => s.provider).sort(), [
      'guardian',
      'newsapi',
      'reddit',
    ]);
    assert.equal(
      article?.description,
      'The bank kept rates at 4%.',
      'missing fields are filled in',
    );
    const reddit = article?.sources.find((s) => s.provider === 'reddit');
    assert.equal(reddit?.score, 120);
    assert.equal(reddit?.outlet, 'r/economics');
  });

  it('never overwrites stored fields with nulls from a later sighting', async () => {
    const story = articleDraft({ author: 'A. Writer', imageUrl: 'https://img.example/1.jpg' });
    const id = await upsertArticle(database.db, story);
    await upsertArticle(database.db, {
      ...story,
      author: null,
      imageUrl: null,
      source: { ...story.source, provider: 'guardian', providerId: `g-${id}` },
    });
    const article = await findArticleById(database.db, id);
    assert.equal(article?.author, 'A. Writer');
    assert.equal(article?.imageUrl, 'https://img.example/1.jpg');
  });

  it('updates a re-fetched source in place instead of duplicating it', async () => {
    const story = articleDraft({ source: { provider: 'reddit', score: 10, comments: 1 } });
    const id = await upsertArticle(database.db, story);
    await upsertArticle(database.db, {
      ...story,
      source: { ...story.source, score: 99, comments: 7 },
    });
    const article = await findArticleById(database.db, id);
    assert.equal(article?.sources.length, 1);
    assert.equal(article?.sources[0]?.score, 99);
  });

  it('deletes an article’s sources with it', async () => {
    const id = await upsertArticle(database.db, articleDraft());
    await database.db.deleteFrom('articles').where('id', '=', id).execute();
    const left = await database.db
      .selectFrom('article_sources')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('article_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(left.n, 0);
  });

  it('searches title, description and content with web-search syntax', async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const inTitle = await upsertArticle(
      database.db,
      articleDraft({ title: `Floods hit ${tag} valley` }),
    );
    const inBody = await upsertArticle(
      database.db,
      articleDraft({ title: 'Weather report', content: `Heavy rain in ${tag} caused floods.` }),
    );
    const excluded = await upsertArticle(
      database.db,
      articleDraft({ title: `${tag} football results`, description: 'Scores' }),
    );
    const hits = await listArticles(database.db, { q: `${tag} -football`, limit: 10 });
    assert.deepEqual(hits.map((a) => a.id).sort(), [inTitle, inBody].sort());
    assert.ok(!hits.some((a) => a.id === excluded));
    const phrase = await listArticles(database.db, { q: `"${tag} valley"`, limit: 10 });
    assert.deepEqual(
      phrase.map((a) => a.id),
      [inTitle],
    );
  });

  it('pages newest first with a stable keyset cursor', async () => {
    const tag = `kp${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let day = 1; day <= 5; day += 1) {
      ids.push(
        await upsertArticle(
          database.db,
          articleDraft({ title: `${tag} item`, publishedAt: new Date(Date.UTC(2026, 0, day)) }),
        ),
      );
    }
    const first = await listArticles(database.db, { q: tag, limit: 2 });
    const last = first.at(-1);
    assert.ok(last);
    const second = await listArticles(database.db, {
      q: tag,
      limit: 10,
      before: { publishedAt: last.publishedAt, id: last.id },
    });
    assert.deepEqual(
      [...first, ...second].map((a) => a.id),
      [...ids].reverse(),
    );
  });

  it('answers a full-text query through the GIN index', async () => {
    // Enough rows that a sequential scan is not the cheaper plan; the query is selective (one
    // story among 20,000), as real searches are.
    await sql`
      insert into articles (canonical_url, url, title, description, published_at)
      select 'https://bulk.example/' || g, 'https://bulk.example/' || g,
             'Bulk headline ref' || g || ' about ' || (array['markets','elections','climate','sport'])[1 + g % 4],
             'Generated description number ' || g,
             now() - (g || ' minutes')::interval
      from generate_series(1, 20000) g
    `.execute(database.db);
    // VACUUM flushes the GIN pending list, as autovacuum would after a bulk load.
    await sql`vacuum analyze articles`.execute(database.db);
    const plan = await sql<{ 'QUERY PLAN': unknown }>`
      explain (format json)
      select id from articles where search @@ websearch_to_tsquery('english', 'ref12345 elections')
    `.execute(database.db);
    const text = JSON.stringify(plan.rows[0]?.['QUERY PLAN']);
    assert.match(text, /"Index Name":"articles_search_idx"/, text);
    assert.doesNotMatch(text, /"Node Type":"Seq Scan"/);
  });
});

describe('upsertArticles', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  const sourcesOf = async (id: string) =>
    (await findArticleById(database.db, id))?.sources.map((s) => `${s.provider}:${s.score}`).sort();

  it('stores a batch in one call and returns each draft’s article id in order', async () => {
    const drafts = [articleDraft(), articleDraft(), articleDraft()];
    const ids = await upsertArticles(database.db, drafts);
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 3);
    for (const [i, draft] of drafts.entries()) {
      assert.equal(
        (await findArticleById(database.db, ids[i] ?? ''))?.canonicalUrl,
        draft.canonicalUrl,
      );
    }
  });

  it('merges sightings of one story within a batch into one article with every source', async () => {
    const story = articleDraft({ description: null });
    const ids = await upsertArticles(database.db, [
      story,
      {
        ...story,
        description: 'Filled in',
        source: { ...story.source, provider: 'guardian', providerId: 'g/1' },
      },
      { ...story, source: { ...story.source, provider: 'reddit', providerId: 't3_m', score: 5 } },
    ]);
    assert.equal(new Set(ids).size, 1);
    const article = await findArticleById(database.db, ids[0] ?? '');
    assert.equal(article?.description, 'Filled in');
    assert.equal(article?.sources.length, 3);
  });

  it('is idempotent: the same batch again changes no ids and duplicates no source', async () => {
    const drafts = [articleDraft(), articleDraft({ source: { provider: 'reddit', score: 1 } })];
    const first = await upsertArticles(database.db, drafts);
    const again = await upsertArticles(database.db, drafts);
    assert.deepEqual(again, first);
    assert.deepEqual(await sourcesOf(first[1] ?? ''), ['reddit:1']);
  });

  it('leaves a re-sighted article row untouched when the sighting brings nothing new', async () => {
    const drafts = [articleDraft(), articleDraft({ description: null })];
    const first = await writeArticles(database.db, drafts);
    // Ids come in draft order, inserted ones in the write's order (by canonical URL, random here).
    assert.deepEqual([...first.inserted].sort(), [...first.ids].sort());
    const version = async () =>
      (
        await sql<{ v: string }>`select string_agg(xmin::text || updated_at::text, ',' order by id)
          as v from articles where id = any(${first.ids}::bigint[])`.execute(database.db)
      ).rows[0]?.v;
    const before = await version();
    const again = await writeArticles(database.db, drafts);
    assert.deepEqual(again, { ids: first.ids, inserted: [] });
    assert.equal(await version(), before, 'no row version was written');
  });

  it('updates re-fetched sources and fills fields left empty by earlier batches', async () => {
    const draft = articleDraft({ author: null, source: { provider: 'reddit', score: 1 } });
    const [id] = await upsertArticles(database.db, [draft]);
    await upsertArticles(database.db, [
      { ...draft, author: 'Late Byline', source: { ...draft.source, score: 42 } },
    ]);
    assert.deepEqual(await sourcesOf(id ?? ''), ['reddit:42']);
    assert.equal((await findArticleById(database.db, id ?? ''))?.author, 'Late Byline');
  });

  it('writes nothing for an empty batch', async () => {
    assert.deepEqual(await upsertArticles(database.db, []), []);
  });

  it('lets concurrent overlapping batches finish without deadlock or duplicates', async () => {
    const shared = Array.from({ length: 20 }, () => articleDraft());
    const results = await Promise.all(
      [shared, [...shared].reverse(), shared.slice(5)].map((batch) =>
        upsertArticles(database.db, batch),
      ),
    );
    const byUrl = new Map(shared.map((d, i) => [d.canonicalUrl, results[0]?.[i]]));
    const reversed = [...shared].reverse();
    assert.deepEqual(
      results[1],
      reversed.map((d) => byUrl.get(d.canonicalUrl)),
    );
  });
});
