import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDraft } from '../../articles/article.js';
import { ProviderError } from '../provider-error.js';
import { fixtureJson } from './fixtures/fixtures.js';
import {
  adaptGuardianContent,
  adaptGuardianResults,
  MAX_CONTENT_LENGTH,
} from './guardian.adapter.js';
import type { GuardianContentWire } from './guardian.wire.js';

const now = new Date('2026-03-15T12:00:00Z');
const context = { language: null, now };

function search(language: string | null = null) {
  return adaptGuardianResults(fixtureJson('search.json').response.results, { language, now });
}

function find(articles: ArticleDraft[], idPart: string): ArticleDraft {
  const found = articles.find((a) => a.source.providerId.includes(idPart));
  assert.ok(found, `no article with id containing ${idPart}`);
  return found;
}

function item(overrides: Partial<GuardianContentWire> = {}): GuardianContentWire {
  return {
    id: 'world/2026/mar/14/a-story',
    type: 'article',
    webTitle: 'A story',
    webUrl: 'https://www.theguardian.com/world/2026/mar/14/a-story',
    webPublicationDate: '2026-03-14T10:00:00Z',
    ...overrides,
  };
}

function adaptOne(overrides: Partial<GuardianContentWire>): ArticleDraft {
  const adapted = adaptGuardianContent(item(overrides), context);
  assert.ok(adapted.ok, 'expected the item to adapt');
  return adapted.draft;
}

describe('adaptGuardianResults', () => {
  it('adapts a complete article with every field cleaned', () => {
    const draft = find(search().articles, 'arctic-sea-ice');
    const { content, ...rest } = draft;
    assert.deepEqual(rest, {
      canonicalUrl:
        'https://theguardian.com/environment/2026/mar/14/arctic-sea-ice-record-low-winter-maximum',
      url: 'https://www.theguardian.com/environment/2026/mar/14/arctic-sea-ice-record-low-winter-maximum',
      title: 'Arctic sea ice hits record low winter maximum, scientists say',
      description:
        'Ice covered 14.2m sq km at its peak & the trend is unmistakable, say researchers',
      author: 'Damian Carrington Environment editor',
      imageUrl: 'https://media.guim.co.uk/4d2b1a8e0c3f/0_0_5000_3000/500.jpg',
      language: 'en',
      publishedAt: new Date('2026-03-14T06:00:12Z'),
      source: {
        provider: 'guardian',
        providerId: 'environment/2026/mar/14/arctic-sea-ice-record-low-winter-maximum',
        outlet: 'The Guardian',
        providerUrl:
          'https://www.theguardian.com/environment/2026/mar/14/arctic-sea-ice-record-low-winter-maximum',
        score: null,
        comments: null,
      },
    });
    assert.ok(content?.startsWith('The Arctic’s winter sea ice reached its smallest maximum'));
  });

  it('truncates a long bodyText at a word boundary with an ellipsis', () => {
    const content = find(search().articles, 'arctic-sea-ice').content ?? '';
    assert.ok(content.length <= MAX_CONTENT_LENGTH, `length ${content.length}`);
    assert.ok(content.length > MAX_CONTENT_LENGTH * 0.8);
    assert.ok(content.endsWith('the decline in Arctic sea ice could…'), content.slice(-60));
    assert.ok(!content.includes('\n'));
  });

  it('uses webTitle without its " | Author" suffix when the headline field is missing', () => {
    const draft = find(search().articles, 'cost-of-living');
    assert.equal(draft.title, 'The climate crisis is a cost-of-living crisis too');
  });

  it('strips " – live" and " – as it happened" from live blog titles', () => {
    const { articles } = search();
    assert.equal(find(articles, 'climate-protests-europe').title, 'Climate protests across Europe');
    assert.equal(
      find(articles, 'cop31-day-two').title,
      'Cop31 day two: ministers arrive in Antalya',
    );
    assert.equal(adaptOne({ webTitle: 'Arsenal v Chelsea - LIVE' }).title, 'Arsenal v Chelsea');
  });

  it('leaves a title alone when its last " | " segment is too long to be a byline', () => {
    const webTitle = `Budget 2026 | ${'what the chancellor announced for households '.repeat(2)}`;
    assert.equal(adaptOne({ webTitle }).title, webTitle.trim());
  });

  it('prefers the headline field over webTitle and turns its HTML and entities into text', () => {
    assert.equal(
      find(search().articles, 'ben-jerrys').title,
      'Ben & Jerry’s founder arrested at climate protest',
    );
  });

  it('turns HTML and entities in trailText and byline into text', () => {
    const draft = find(search().articles, 'cost-of-living');
    assert.equal(
      draft.description,
      'Cheap energy from the wind and sun is the surest way to lower bills – so why are ministers so timid?',
    );
    assert.equal(draft.author, 'Rafael Behr');
  });

  it('folds whitespace in bodyText and treats an empty bodyText as no content', () => {
    const { articles } = search();
    assert.equal(
      find(articles, 'cost-of-living').content,
      'Every winter the same argument returns. Bills rise, and ministers blame the transition. The evidence says otherwise.',
    );
    assert.equal(find(articles, 'climate-protests-europe').content, null);
    assert.equal(find(articles, 'week-in-wildlife').content, null);
  });

  it('adapts an item without any fields from its webTitle alone', () => {
    const draft = find(search().articles, 'floods-bangladesh');
    assert.equal(draft.title, 'Early monsoon floods displace thousands in Bangladesh');
    assert.deepEqual(
      [draft.description, draft.content, draft.author, draft.imageUrl],
      [null, null, null, null],
    );
  });

  it('keeps http(s) thumbnails and drops protocol-relative or missing ones', () => {
    const { articles } = search();
    assert.equal(
      find(articles, 'ben-jerrys').imageUrl,
      'http://static.guim.co.uk/sys-images/Guardian/Pix/pictures/2026/3/8/cohen.jpg',
    );
    assert.equal(find(articles, 'ukraine-energy-grid').imageUrl, null);
    assert.equal(find(articles, 'cost-of-living').imageUrl, null);
  });

  it('keeps hosted content that has no pillar', () => {
    const draft = find(search().articles, 'advertiser-content');
    assert.equal(draft.title, 'Powering tomorrow: the homes running on sunshine');
  });

  it('keeps non-Latin names intact', () => {
    assert.equal(
      find(search().articles, 'ukraine-energy-grid').author,
      'Shaun Walker in Kyiv and Олена Коваленко',
    );
  });

  it('uses the id as providerId, webUrl as url and "The Guardian" as outlet', () => {
    for (const draft of search().articles) {
      assert.equal(draft.url, `https://www.theguardian.com/${draft.source.providerId}`);
      assert.equal(draft.source.providerUrl, draft.url);
      assert.equal(draft.source.outlet, 'The Guardian');
      assert.equal(draft.canonicalUrl, `https://theguardian.com/${draft.source.providerId}`);
    }
  });

  it('sets language to the requested one, else English', () => {
    assert.ok(search('fr').articles.every((a) => a.language === 'fr'));
    assert.ok(search().articles.every((a) => a.language === 'en'));
  });

  it('drops items with a missing or unparsable publication date', () => {
    assert.deepEqual(adaptGuardianContent(item({ webPublicationDate: 'soon' }), context), {
      ok: false,
      reason: 'undated',
    });
    assert.deepEqual(adaptGuardianContent(item({ webPublicationDate: undefined }), context), {
      ok: false,
      reason: 'undated',
    });
  });

  it('drops items whose webUrl is not an http(s) URL', () => {
    assert.deepEqual(adaptGuardianContent(item({ webUrl: 'world/2026/x' }), context), {
      ok: false,
      reason: 'bad_url',
    });
  });

  it('drops items whose title is empty after clean-up', () => {
    assert.deepEqual(
      adaptGuardianContent(item({ webTitle: ' ', fields: { headline: '<b></b>' } }), context),
      { ok: false, reason: 'untitled' },
    );
  });

  it('keeps the first of two items with the same id in one page', () => {
    const raw = fixtureJson('search.json').response.results;
    const { articles, dropped } = adaptGuardianResults([raw[0], raw[0]], context);
    assert.equal(articles.length, 1);
    assert.equal(dropped.duplicate, 1);
  });

  it('drops and counts an item that fails the wire schema without losing the page', () => {
    const { articles, dropped } = search();
    assert.deepEqual(dropped, { malformed: 1 });
    assert.equal(articles.length, 9);
  });

  it('throws malformed_response when every item fails the wire schema', () => {
    assert.throws(
      () => adaptGuardianResults([{ id: 7 }, { webTitle: 'x' }], context),
      (error: unknown) => error instanceof ProviderError && error.kind === 'malformed_response',
    );
  });

  it('returns no articles for an empty result', () => {
    assert.deepEqual(
      adaptGuardianResults(fixtureJson('search-empty.json').response.results, context),
      {
        articles: [],
        dropped: {},
      },
    );
  });
});
