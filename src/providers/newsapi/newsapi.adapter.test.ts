import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDraft } from '../../articles/article.js';
import { ProviderError } from '../provider-error.js';
import { fixtureJson } from './fixtures/fixtures.js';
import { adaptNewsApiArticle, adaptNewsApiArticles } from './newsapi.adapter.js';
import type { NewsApiArticleWire } from './newsapi.wire.js';

const now = new Date('2026-03-15T12:00:00Z');
const context = { language: null, now };

function everything(language: string | null = null) {
  return adaptNewsApiArticles(fixtureJson('everything.json').articles, { language, now });
}

function find(articles: ArticleDraft[], urlPart: string): ArticleDraft {
  const found = articles.find((a) => a.url.includes(urlPart));
  assert.ok(found, `no article with url containing ${urlPart}`);
  return found;
}

function item(overrides: Partial<NewsApiArticleWire> = {}): NewsApiArticleWire {
  return {
    source: { id: null, name: 'Example News' },
    author: null,
    title: 'A story',
    description: null,
    url: 'https://news.example/story',
    urlToImage: null,
    publishedAt: '2026-03-14T10:00:00Z',
    content: null,
    ...overrides,
  };
}

describe('adaptNewsApiArticles', () => {
  it('adapts a complete article with every field cleaned', () => {
    const draft = find(everything().articles, 'bbc.co.uk/news/science');
    assert.deepEqual(draft, {
      canonicalUrl: 'https://bbc.co.uk/news/science-environment-68512345',
      url: 'https://www.bbc.co.uk/news/science-environment-68512345?utm_source=twitter&utm_medium=social',
      title: 'Arctic sea ice hits record winter low',
      description:
        'Scientists say the "extraordinary" loss of winter ice is a warning sign for the planet’s climate…',
      content:
        'Scientists say the extraordinary loss of winter sea ice in the Arctic is a warning sign. The ice cover reached its smallest winter maximum since records began in 1979, the US National Snow and Ice…',
      author: 'Justin Rowlatt',
      imageUrl: 'https://ichef.bbci.co.uk/news/1024/branded_news/83B3/production/_132904.jpg',
      language: null,
      publishedAt: new Date('2026-03-14T06:12:44Z'),
      source: {
        provider: 'newsapi',
        providerId: 'https://bbc.co.uk/news/science-environment-68512345',
        outlet: 'BBC News',
        providerUrl:
          'https://www.bbc.co.uk/news/science-environment-68512345?utm_source=twitter&utm_medium=social',
        score: null,
        comments: null,
      },
    });
  });

  it('drops [Removed] placeholder items whether dated 1970 or with a real date', () => {
    const { articles, dropped } = everything();
    assert.equal(dropped.removed, 2);
    assert.ok(articles.every((a) => a.title !== '[Removed]' && !a.url.includes('removed.com')));
    const top = adaptNewsApiArticles(fixtureJson('top-headlines.json').articles, context);
    assert.equal(top.dropped.removed, 1);
    assert.equal(top.articles.length, 3);
  });

  it('drops an item titled [Removed] even when its url looks real', () => {
    const adapted = adaptNewsApiArticle(item({ title: '[Removed]' }), context);
    assert.deepEqual(adapted, { ok: false, reason: 'removed' });
  });

  it('keeps items whose author, description, image, content and source id are null', () => {
    const draft = find(everything().articles, 'phys.org');
    assert.equal(draft.author, null);
    assert.equal(draft.description, null);
    assert.equal(draft.imageUrl, null);
    assert.equal(draft.content, null);
    assert.equal(draft.source.outlet, 'Phys.org');
  });

  it('strips the "[+N chars]" marker from content and keeps one ellipsis', () => {
    const { articles } = everything();
    assert.equal(
      find(articles, 'cnn.com').content,
      'The world’s oceans are heating up faster than scientists expected, according to a study published Tuesday…',
    );
    // An entity-encoded ellipsis before the marker is decoded, not doubled.
    assert.equal(
      find(articles, 'theguardian.com').content,
      'Insect populations are falling fastest where the climate has warmed most…',
    );
    assert.ok(articles.every((a) => !/\[\+\d+ chars\]/.test(a.content ?? '')));
  });

  it('strips a trailing " - {outlet}" from titles but leaves another outlet name alone', () => {
    const { articles } = adaptNewsApiArticles(fixtureJson('top-headlines.json').articles, context);
    assert.deepEqual(
      articles.map((a) => a.title),
      [
        'Earth had its hottest February on record, European climate agency says',
        'EPA moves to roll back power plant rules',
        'Spring storm to bring snow to the Rockies - Fox News Channel',
      ],
    );
    assert.equal(
      find(everything().articles, 'news.google.com').title,
      'Climate talks resume in Bonn as finance gap looms',
    );
  });

  it('keeps a title that is nothing but the outlet name', () => {
    const adapted = adaptNewsApiArticle(
      item({ title: 'BBC News', source: { id: null, name: 'BBC News' } }),
      context,
    );
    assert.equal(adapted.ok && adapted.draft.title, 'BBC News');
  });

  it('turns HTML and entities in description and content into plain text', () => {
    const draft = find(everything().articles, 'insideclimatenews.org');
    assert.equal(
      draft.description,
      'Global temperatures hit a new high for March Scientists link the heat to El Niño & warming',
    );
    assert.equal(
      draft.content,
      'Heat records fell on three continents this week, & forecasters say more are coming. In India, temperatures…',
    );
  });

  it('parses timestamps with 7 fractional digits and with a +00:00 offset', () => {
    const { articles } = everything();
    assert.deepEqual(find(articles, 'phys.org').publishedAt, new Date('2026-03-13T14:37:30.936Z'));
    assert.deepEqual(
      find(articles, 'insideclimatenews.org').publishedAt,
      new Date('2026-03-12T22:04:00Z'),
    );
  });

  it('drops items dated at the 1970 epoch, in the future, or not dated at all', () => {
    const { articles, dropped } = everything();
    assert.equal(dropped.undated, 3);
    for (const host of ['oldnewswire.example', 'futuretimes.example', 'nodatedaily.example']) {
      assert.ok(!articles.some((a) => a.url.includes(host)), host);
    }
  });

  it('uses the canonical URL as providerId and keeps the original URL', () => {
    const draft = find(everything().articles, 'amp.cnn.com');
    assert.equal(
      draft.canonicalUrl,
      'https://cnn.com/cnn/2026/03/11/climate/ocean-heat-study/index.html',
    );
    assert.equal(draft.source.providerId, draft.canonicalUrl);
    assert.equal(
      draft.url,
      'https://amp.cnn.com/cnn/2026/03/11/climate/ocean-heat-study/index.html?ocid=rss',
    );
    assert.equal(draft.source.providerUrl, draft.url);
  });

  it('keeps Google News redirects and consent walls as their own opaque identity', () => {
    const { articles } = everything();
    const google = find(articles, 'news.google.com');
    assert.equal(google.canonicalUrl, google.url);
    const consent = find(articles, 'consent.yahoo.com');
    assert.equal(consent.canonicalUrl, consent.url);
  });

  it('drops items whose url is not an http(s) URL, including relative ones', () => {
    assert.equal(everything().dropped.bad_url, 1);
    assert.deepEqual(adaptNewsApiArticle(item({ url: '/news/story' }), context), {
      ok: false,
      reason: 'bad_url',
    });
  });

  it('keeps the first of two items with the same canonical URL in one page', () => {
    const { articles, dropped } = everything();
    assert.equal(dropped.duplicate, 1);
    const bbc = articles.filter((a) => a.canonicalUrl.includes('bbc.co.uk'));
    assert.equal(bbc.length, 1);
    assert.equal(bbc[0]?.imageUrl?.startsWith('https://ichef.bbci.co.uk'), true);
  });

  it('nulls an author that is a URL, strips "By " and keeps glued job titles', () => {
    const { articles } = everything();
    assert.equal(find(articles, 'dailyplanet.example').author, null);
    assert.equal(find(articles, 'insideclimatenews.org').author, 'Jane Doe');
    assert.equal(find(articles, 'theguardian.com').author, 'Damian Carrington Environment editor');
  });

  it('keeps http image URLs and drops non-http ones', () => {
    assert.equal(
      find(everything().articles, 'insideclimatenews.org').imageUrl,
      'http://insideclimatenews.org/wp-content/uploads/2026/03/heat.jpg',
    );
    const adapted = adaptNewsApiArticle(item({ urlToImage: 'javascript:alert(1)' }), context);
    assert.equal(adapted.ok && adapted.draft.imageUrl, null);
  });

  it('treats [Removed] filler in an otherwise real item as absent', () => {
    const adapted = adaptNewsApiArticle(
      item({ description: '[Removed]', content: '[Removed]', author: '[Removed]' }),
      context,
    );
    assert.ok(adapted.ok);
    assert.deepEqual(
      [adapted.draft.description, adapted.draft.content, adapted.draft.author],
      [null, null, null],
    );
  });

  it('sets language to the requested language, else null', () => {
    assert.ok(everything('en').articles.every((a) => a.language === 'en'));
    assert.ok(everything().articles.every((a) => a.language === null));
  });

  it('keeps right-to-left text intact', () => {
    const draft = find(everything().articles, 'aljazeera.net');
    assert.equal(draft.title, 'موجة حر غير مسبوقة في الخليج');
    assert.equal(draft.author, 'علي حسن');
  });

  it('drops and counts an item that fails the wire schema without losing the page', () => {
    const { articles, dropped } = everything();
    assert.equal(dropped.malformed, 1);
    assert.equal(articles.length, 9);
  });

  it('throws malformed_response when every item fails the wire schema', () => {
    assert.throws(
      () => adaptNewsApiArticles([{ title: 1 }, { url: null }], context),
      (error: unknown) => error instanceof ProviderError && error.kind === 'malformed_response',
    );
  });

  it('returns no articles for an empty page', () => {
    assert.deepEqual(adaptNewsApiArticles(fixtureJson('empty.json').articles, context), {
      articles: [],
      dropped: {},
    });
  });
});
