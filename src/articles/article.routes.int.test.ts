import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { articleDraft } from '../../test/factories.js';
import { upsertArticle } from './article.repository.js';

/**
 * GET /v1/articles: listing, paging and search. GET /v1/articles/:id and a store too slow to
 * answer are in article.routes.detail.int.test.ts.
 */

interface Hit {
  id: string;
  score: number | null;
  highlight: { title: string; snippet: string } | null;
}

describe('GET /v1/articles', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `rt${Date.now().toString(36)}`;
  const ids: string[] = [];
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url });
    for (let hour = 0; hour < 3; hour += 1) {
      ids.push(
        await upsertArticle(
          database.db,
          articleDraft({
            title: `${tag} budget vote ${hour}`,
            publishedAt: new Date(Date.UTC(2026, 10, 1, hour)),
          }),
        ),
      );
    }
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('lists matching articles newest first and pages through them with nextCursor', async () => {
    const first = await t.app.inject({ url: `/v1/articles?q=${tag}&limit=2` });
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.deepEqual(
      page1.articles.map((a: { id: string }) => a.id),
      [ids[2], ids[1]],
    );
    assert.equal(page1.articles[0].publishedAt, '2026-11-01T02:00:00.000Z');
    assert.equal(page1.articles[0].sources[0].provider, 'newsapi');
    const second = await t.app.inject({
      url: `/v1/articles?q=${tag}&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
    });
    const page2 = second.json();
    assert.deepEqual(
      page2.articles.map((a: { id: string }) => a.id),
      [ids[0]],
    );
    assert.equal(page2.nextCursor, null);
  });

  it('treats tsquery metacharacters in q as text, not syntax', async () => {
    for (const q of ["budget & | ! ( ) :* '", 'vote <-> budget', "'; drop table articles; --"]) {
      const res = await t.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
    }
    const stillThere = await t.app.inject({ url: `/v1/articles?q=${tag}` });
    assert.equal(stillThere.json().articles.length, 3);
  });

  it('rejects a cursor it did not issue with 400', async () => {
    const res = await t.app.inject({ url: '/v1/articles?cursor=not-a-cursor' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });

  it('rejects a cursor issued for another query with 400', async () => {
    const first = await get(`/v1/articles?q=${tag}&limit=1`);
    const res = await t.app.inject({
      url: `/v1/articles?q=${tag}%20vote&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`,
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /different query/);
  });

  it('answers 400 validation_failed when q has only operators or punctuation', async () => {
    for (const q of ['& | ! ( ) :* <->', '"""', '-', "''"]) {
      const res = await t.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().error.code, 'validation_failed');
      assert.match(res.json().error.message, /q has no searchable words/);
    }
    const stopWords = await t.app.inject({ url: '/v1/articles?q=the%20and%20of' });
    assert.equal(stopWords.statusCode, 400);
    assert.match(stopWords.json().error.message, /q has no searchable words/);
  });

  it('accepts unbalanced quotes and dangling operators as plain text', async () => {
    for (const q of [`"${tag} budget`, `${tag} OR`, `-${tag} ${tag}`, `(${tag}`]) {
      const res = await t.app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, `${q}: ${res.body}`);
    }
  });

  it('answers 400 naming the field for a NUL character, which no stored text can hold', async () => {
    const res = await t.app.inject({
      url: `/v1/articles?q=${encodeURIComponent(`${tag}\u0000vote`)}`,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json<{ error: { message: string } }>().error.message, /q/);
  });

  it('answers 400 for a 10,000-character q before touching the store', async () => {
    const res = await t.app.inject({ url: `/v1/articles?q=${'a'.repeat(10_000)}` });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /querystring\/q/);
  });

  it('answers 400 for sort=relevance without q', async () => {
    const res = await t.app.inject({ url: '/v1/articles?sort=relevance' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /relevance needs a q/);
  });

  async function get(url: string): Promise<{ nextCursor: string }> {
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
});

describe('GET /v1/articles search', () => {
  let database: TestDatabase;
  let t: TestApp;
  const tag = `sq${Date.now().toString(36)}`;
  const at = (day: number) => new Date(Date.UTC(2026, 9, day, 12));
  const store = (overrides: Parameters<typeof articleDraft>[0]) =>
    upsertArticle(database.db, articleDraft(overrides));
  const ids: Record<string, string> = {};

  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ DATABASE_URL: database.url });
    ids.title = await store({
      title: `${tag} harbour strike ends`,
      content: 'Dockers voted.',
      publishedAt: at(1),
      language: 'en',
      source: { provider: 'guardian', outlet: 'World news' },
    });
    ids.body = await store({
      title: 'Port news',
      content: `A long report. The ${tag} harbour strike was mentioned once.`,
      publishedAt: at(5),
      language: 'en',
      source: { provider: 'newsapi', outlet: 'Reuters' },
    });
    ids.german = await store({
      title: `${tag} Streik im Hafen`,
      description: `${tag} strike coverage in German`,
      publishedAt: at(3),
      language: 'de',
      source: { provider: 'newsapi', outlet: 'Der Spiegel' },
    });
    ids.script = await store({
      title: `<script>alert(1)</script> ${tag} & "quotes" vote`,
      description: `Before <b>bold</b> 5 < 6 & ${tag} after`,
      publishedAt: at(2),
      language: 'en',
      source: { provider: 'reddit', outlet: 'r/worldnews' },
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  async function search(
    query: string,
  ): Promise<{ articles: Hit[]; nextCursor: string | null; sort: string }> {
    const res = await t.app.inject({ url: `/v1/articles?${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }
  const idsOf = (page: { articles: Hit[] }) => page.articles.map((a) => a.id);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  it('understands words, "phrases", -exclusions and OR', async () => {
    const words = await search(q(`${tag} strike`));
    assert.deepEqual(new Set(idsOf(words)), new Set([ids.title, ids.body, ids.german]));
    assert.deepEqual(idsOf(await search(q(`"${tag} harbour strike ends"`))), [ids.title]);
    const excluded = await search(q(`${tag} strike -hafen`));
    assert.deepEqual(new Set(idsOf(excluded)), new Set([ids.title, ids.body]));
    const either = await search(q(`${tag} dockers OR ${tag} bold`));
    assert.deepEqual(new Set(idsOf(either)), new Set([ids.title, ids.script]));
  });

  it('ranks a title match above a passing mention by default when q is given', async () => {
    const page = await search(q(`${tag} harbour`));
    assert.equal(page.sort, 'relevance');
    assert.deepEqual(idsOf(page), [ids.title, ids.body]);
    assert.ok((page.articles[0]?.score ?? 0) > (page.articles[1]?.score ?? 0));
  });

  it('lists newest first with sort=recency, and by default without q', async () => {
    const recent = await search(`${q(`${tag} harbour`)}&sort=recency`);
    assert.deepEqual(idsOf(recent), [ids.body, ids.title]);
    const all = await search('limit=100');
    assert.equal(all.sort, 'recency');
    assert.deepEqual(idsOf(all), [ids.body, ids.german, ids.script, ids.title]);
    assert.equal(all.articles[0]?.highlight, null);
  });

  it('marks matches in title and snippet and escapes everything else', async () => {
    const [hit] = (await search(q(`${tag} vote`))).articles;
    assert.equal(hit?.id, ids.script);
    assert.equal(
      hit?.highlight?.title,
      `&lt;script&gt;alert(1)&lt;/script&gt; <mark>${tag}</mark> &amp; &quot;quotes&quot; <mark>vote</mark>`,
    );
    // ts_headline drops markup from passages; what is left is escaped.
    const snippet = hit?.highlight?.snippet ?? '';
    assert.match(snippet, new RegExp(`bold +5 &lt; 6 &amp; <mark>${tag}</mark> after`));
    for (const html of [hit?.highlight?.title ?? '', snippet]) {
      const tags = html.match(/<[^>]*>/g) ?? [];
      assert.deepEqual([...new Set(tags)].sort(), ['</mark>', '<mark>'], html);
    }
  });

  it('filters by provider, outlet, language and published date', async () => {
    const base = `${q(tag)}&sort=recency`;
    const outlet = encodeURIComponent('Der Spiegel');
    assert.deepEqual(idsOf(await search(`${base}&provider=guardian`)), [ids.title]);
    assert.deepEqual(idsOf(await search(`${base}&outlet=${outlet}`)), [ids.german]);
    assert.deepEqual(idsOf(await search(`${base}&language=de`)), [ids.german]);
    const days = await search(`${base}&from=2026-10-02&to=2026-10-03`);
    assert.deepEqual(idsOf(days), [ids.german, ids.script]);
    const since = await search(`${base}&from=2026-10-03T12:00:00Z`);
    assert.deepEqual(idsOf(since), [ids.body, ids.german]);
    assert.deepEqual(idsOf(await search(`${base}&to=2026-10-01T12:00:00Z`)), [ids.title]);
  });

  it('answers 400 validation_failed for reversed or malformed dates', async () => {
    for (const query of ['from=2026-10-05&to=2026-10-01', 'from=2026-02-30', 'to=yesterday']) {
      const res = await t.app.inject({ url: `/v1/articles?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  for (const sort of ['relevance', 'recency'] as const) {
    it(`pages by ${sort} without duplicates or gaps while new articles arrive`, async () => {
      const word = `pg${sort}${tag}`;
      const expected: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        // Repeating the word raises the text rank, so relevance and recency orders differ.
        const title = `${Array.from({ length: 1 + (i % 3) }, () => word).join(' ')} item ${i}`;
        expected.push(await store({ title, publishedAt: new Date(Date.UTC(2026, 10, 1, i)) }));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const after = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page = await search(`${q(word)}&sort=${sort}&limit=3${after}`);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        // Newcomers between pages, newer and better ranked than all, must not shift the pages.
        await store({ title: `${word} ${word} ${word} ${word} late`, publishedAt: new Date() });
      } while (cursor !== null);
      assert.equal(seen.length, expected.length, seen.join());
      assert.deepEqual(new Set(seen), new Set(expected));
    });
  }
});
