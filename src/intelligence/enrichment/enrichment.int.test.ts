import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { persistDrafts } from '../../articles/article-writer.js';
import { upsertArticles } from '../../articles/article.repository.js';
import { createLogger } from '../../logger.js';
import { createTestApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { articleDraft } from '../../../test/factories.js';
import { RELAXED_PROVIDER_LIMITS } from '../../../test/search-env.js';
import { createEnrichmentPipeline, type EnrichmentPipeline } from './enrichment-pipeline.js';
import type { Db } from '../../db/database.js';

const log = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });

/** How many enrichment rows each article has: [sentiments, entity runs]. */
async function rowsFor(db: Db, ids: readonly string[]): Promise<[number, number]> {
  const { rows } = await sql<{ s: number; r: number }>`
    select (select count(*)::int from article_sentiments where article_id = any(${ids}::bigint[])) as s,
      (select count(*)::int from article_entity_runs where article_id = any(${ids}::bigint[])) as r
  `.execute(db);
  return [rows[0]?.s ?? -1, rows[0]?.r ?? -1];
}

async function computedAt(db: Db, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ at: string }>`
    select computed_at::text as at from article_sentiments where article_id = ${id}`.execute(db);
  return rows[0]?.at;
}

describe('enrichment on the write path', () => {
  let database: TestDatabase;
  let pipeline: EnrichmentPipeline;
  before(async () => {
    database = await createTestDatabase();
    pipeline = createEnrichmentPipeline({ db: database.db, log, batchSize: 3 });
  });
  after(async () => {
    await pipeline.close();
    await database.drop();
  });

  it('analyses new articles once, in the background, and not again when they are re-written', async () => {
    const drafts = [
      articleDraft({ title: 'Angela Merkel praises wonderful Paris summit success' }),
      articleDraft({ title: 'Terrible floods kill dozens in Bangladesh', description: 'Tragic.' }),
      articleDraft({ title: 'Quarterly report', content: 'Microsoft said nothing new.' }),
      articleDraft({ title: 'A day' }),
    ];
    const enqueue = { onInserted: (ids: readonly string[]) => pipeline.queue.enqueue(ids) };
    const written = await persistDrafts(database.db, drafts, enqueue);
    const ids = [...written.values()];
    await pipeline.queue.drain();
    assert.deepEqual(await rowsFor(database.db, ids), [4, 4]);

    const sentiment = async (id: string | undefined) =>
      (
        await sql<{ label: string; score: number }>`
          select label, score from article_sentiments where article_id = ${id}`.execute(database.db)
      ).rows[0];
    assert.ok(((await sentiment(ids[0]))?.score ?? 0) > 0, 'a praising headline scores positive');
    assert.equal((await sentiment(ids[1]))?.label, 'negative');
    const stamp = await computedAt(database.db, ids[0] ?? '');

    let insertedAgain: readonly string[] = [];
    await persistDrafts(database.db, drafts, { onInserted: (i) => (insertedAgain = i) });
    await pipeline.queue.drain();
    assert.deepEqual(insertedAgain, []);
    assert.equal(await computedAt(database.db, ids[0] ?? ''), stamp);
    assert.deepEqual(await rowsFor(database.db, ids), [4, 4]);
  });

  it('finds articles the write path missed and rows an older analyser wrote', async () => {
    const ids = (
      await upsertArticles(database.db, [articleDraft(), articleDraft(), articleDraft()])
    ).sort((x, y) => Number(x) - Number(y));
    const [a, b, c] = ids as [string, string, string];
    assert.deepEqual(
      (await pipeline.service.findUnenriched(100)).filter((id) => ids.includes(id)),
      ids,
    );
    await pipeline.sweep.sweepOnce();
    assert.deepEqual(await rowsFor(database.db, ids), [3, 3]);
    assert.deepEqual(await pipeline.service.findUnenriched(100), []);

    await sql`update article_sentiments set analyser_version = 'older'
      where article_id = ${a}`.execute(database.db);
    await sql`delete from article_entity_runs where article_id = ${b}`.execute(database.db);
    await sql`update article_entity_runs set extractor = 'another'
      where article_id = ${c}`.execute(database.db);
    assert.deepEqual(await pipeline.service.findUnenriched(100), [a, b, c]);
    await pipeline.sweep.sweepOnce();
    assert.deepEqual(await pipeline.service.findUnenriched(100), []);
    const { rows } = await sql<{ version: string }>`
      select analyser_version as version from article_sentiments where article_id = ${a}`.execute(
      database.db,
    );
    assert.equal(rows[0]?.version, pipeline.service.versions.analyserVersion);
  });

  it('stores each entity once and links every article that names it', async () => {
    const ids = await upsertArticles(database.db, [
      articleDraft({ title: 'Barack Obama meets Emmanuel Macron in London' }),
      articleDraft({ title: 'Barack Obama returns to Chicago' }),
    ]);
    await pipeline.service.enrich(ids);
    const { rows } = await sql<{ name: string; articles: number }>`
      select e.name, count(*)::int as articles
      from article_entities ae join entities e on e.id = ae.entity_id
      where ae.article_id = any(${ids}::bigint[]) and e.kind = 'person'
      group by e.name order by e.name`.execute(database.db);
    const obama = rows.find((r) => r.name.includes('Obama'));
    assert.equal(obama?.articles, 2);
  });

  it('deleting an article deletes its sentiment, entity links and run, not the entities', async () => {
    const [id] = await upsertArticles(database.db, [
      articleDraft({ title: 'Joe Biden visits Berlin' }),
    ]);
    assert.ok(id !== undefined);
    await pipeline.service.enrich([id]);
    const before = await sql<{ n: number }>`select count(*)::int as n from entities`.execute(
      database.db,
    );
    await sql`delete from articles where id = ${id}`.execute(database.db);
    const { rows } = await sql<{ links: number }>`
      select (select count(*)::int from article_entities where article_id = ${id}) as links`.execute(
      database.db,
    );
    assert.equal(rows[0]?.links, 0);
    assert.deepEqual(await rowsFor(database.db, [id]), [0, 0]);
    const after = await sql<{ n: number }>`select count(*)::int as n from entities`.execute(
      database.db,
    );
    assert.equal(after.rows[0]?.n, before.rows[0]?.n);
  });

  it('skips articles deleted between reading and writing', async () => {
    const [id] = await upsertArticles(database.db, [articleDraft()]);
    assert.ok(id !== undefined);
    await sql`delete from articles where id = ${id}`.execute(database.db);
    assert.equal(await pipeline.service.enrich([id]), 0);
  });
});

describe('enrichment wired into live search', () => {
  it('enriches what GET /v1/search wrote through, after the response', async () => {
    const database = await createTestDatabase();
    const t = await createTestApp({ DATABASE_URL: database.url, ...RELAXED_PROVIDER_LIMITS });
    try {
      const res = await t.app.inject({ url: '/v1/search?q=election' });
      assert.equal(res.statusCode, 200);
      // The write-through may finish after the response; the queue then holds its ids.
      for (let i = 0; i < 50 && (await stored(database.db)) === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await t.deps.enrichment.queue.drain();
      const total = await stored(database.db);
      assert.ok(total > 0);
      const ids = (
        await sql<{ id: string }>`select id from articles`.execute(database.db)
      ).rows.map((r) => r.id);
      assert.deepEqual(await rowsFor(database.db, ids), [total, total]);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});

async function stored(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from articles`.execute(db);
  return rows[0]?.n ?? 0;
}
