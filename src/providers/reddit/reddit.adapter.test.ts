import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDraft } from '../../articles/article.js';
import { fixture } from './fixtures/index.js';
import { adaptRedditListing, type RedditAdaptOptions } from './reddit.adapter.js';
import { markdownToText } from './reddit.markdown.js';
import type { RedditListing } from './reddit.wire.js';

const now = new Date('2026-11-28T12:00:00Z');
const search = fixture('search-listing.json') as RedditListing;
const options: RedditAdaptOptions = { now, includeNsfw: false, skipStickied: false };

function adapt(listing: RedditListing = search, overrides: Partial<RedditAdaptOptions> = {}) {
  return adaptRedditListing(listing, { ...options, ...overrides });
}

function article(providerId: string, articles = adapt().articles): ArticleDraft | undefined {
  return articles.find((a) => a.source.providerId === providerId);
}

describe('adaptRedditListing', () => {
  it('adapts a link post to its target URL with the full-size preview and a float created_utc', () => {
    assert.deepEqual(article('t3_1q0link'), {
      canonicalUrl: 'https://example-news.com/world/2026/11/28/ceasefire-talks?id=7',
      url: 'https://www.example-news.com/world/2026/11/28/ceasefire-talks?utm_source=reddit&id=7',
      title: 'Ceasefire talks resume in Geneva 🇨🇭 — officials say “progress”',
      description: null,
      content: null,
      author: 'newsbot',
      imageUrl:
        'https://external-preview.redd.it/kX3vQ.jpeg?width=1200&crop=smart&auto=webp&s=0a1b2c3d',
      language: null,
      publishedAt: new Date('2026-11-28T10:59:59.500Z'),
      source: {
        provider: 'reddit',
        providerId: 't3_1q0link',
        outlet: 'r/worldnews',
        providerUrl:
          'https://www.reddit.com/r/worldnews/comments/1q0link/ceasefire_talks_resume_in_geneva/',
        score: 15023,
        comments: 2311,
      },
    });
  });

  it('adapts a self post to its thread URL with the Markdown selftext as plain text', () => {
    const thread =
      'https://www.reddit.com/r/economics/comments/1q0self/whats_the_best_way_to_follow_ecb_boe_rate/';
    assert.deepEqual(article('t3_1q0self'), {
      canonicalUrl:
        'https://reddit.com/r/economics/comments/1q0self/whats_the_best_way_to_follow_ecb_boe_rate',
      url: thread,
      title: "What's the best way to follow ECB & BoE rate decisions? <serious>",
      description:
        "I've been tracking the ECB & BoE for a while. Sources I use: the ECB's calendar and > 3 newsletters. Any tips?",
      content: null,
      author: 'rate_watcher',
      imageUrl: null,
      language: null,
      publishedAt: new Date('2026-11-28T10:00:00Z'),
      source: {
        provider: 'reddit',
        providerId: 't3_1q0self',
        outlet: 'r/economics',
        providerUrl: thread,
        score: 42,
        comments: 17,
      },
    });
  });

  it('takes title, URL, author and image from the crosspost original and the rest from the crosspost', () => {
    assert.deepEqual(article('t3_1q0xpost'), {
      canonicalUrl: 'https://bbc.co.uk/news/science-environment-123',
      url: 'https://www.bbc.co.uk/news/science-environment-123?at_medium=RSS&at_campaign=rss',
      title: 'UN report: Arctic sea ice at record low for November',
      description: null,
      content: null,
      author: 'ice_watcher',
      imageUrl: 'https://external-preview.redd.it/orig.jpeg?auto=webp&s=abc123',
      language: null,
      publishedAt: new Date('2026-11-28T10:36:40Z'),
      source: {
        provider: 'reddit',
        providerId: 't3_1q0xpost',
        outlet: 'r/europe',
        providerUrl:
          'https://www.reddit.com/r/europe/comments/1q0xpost/un_report_on_arctic_sea_ice/',
        score: 120,
        comments: 9,
      },
    });
  });

  it('points a crosspost of a self post at the original thread and its text', () => {
    const draft = article('t3_1q0sx');
    assert.equal(
      draft?.url,
      'https://www.reddit.com/r/IAmA/comments/1q0spar/ama_i_cover_the_eu_parliament/',
    );
    assert.equal(draft?.title, 'AMA: I cover the EU parliament & its votes');
    assert.equal(draft?.description, 'Ask me anything about how votes work.');
    assert.equal(draft?.author, 'eu_reporter');
    assert.equal(
      draft?.source.providerUrl,
      'https://www.reddit.com/r/europe/comments/1q0sx/ama_i_cover_the_eu_parliament/',
    );
    assert.deepEqual([draft?.source.score, draft?.source.comments], [33, 2]);
  });

  it('uses the first gallery image (skipping failed media) and accepts an integer created_utc', () => {
    const draft = article('t3_1q0gal');
    assert.equal(draft?.url, 'https://www.reddit.com/gallery/1q0gal');
    assert.equal(draft?.canonicalUrl, 'https://reddit.com/gallery/1q0gal');
    assert.equal(
      draft?.imageUrl,
      'https://preview.redd.it/abc123.jpg?width=1920&format=pjpg&auto=webp&s=deadbeef',
    );
    assert.deepEqual(draft?.publishedAt, new Date('2026-11-28T09:13:20Z'));
  });

  it('falls back to an http thumbnail when a post has no preview', () => {
    const draft = article('t3_1q0vid');
    assert.equal(draft?.url, 'https://v.redd.it/vid123abc');
    assert.equal(draft?.imageUrl, 'https://b.thumbs.redditmedia.com/vid.jpg');
  });

  it('ignores thumbnails that are words ("image", "spoiler", "self", "")', () => {
    for (const id of ['t3_1q0acct', 't3_1q0rel', 't3_1q0self', 't3_1q0empty']) {
      assert.equal(article(id)?.imageUrl, null, id);
    }
  });

  it('keeps a live post whose author deleted their account, with a null author', () => {
    const draft = article('t3_1q0acct');
    assert.equal(draft?.author, null);
    assert.equal(draft?.canonicalUrl, 'https://apnews.com/article/rates-2026');
  });

  it('drops posts deleted by their author, removed by moderators or caught by filters', () => {
    for (const id of ['t3_1q0del', 't3_1q0rem', 't3_1q0filt'])
      assert.equal(article(id), undefined, id);
    assert.equal(adapt().dropped.removed, 3);
  });

  it('drops NSFW posts unless includeNsfw is set', () => {
    assert.equal(article('t3_1q0nsfw'), undefined);
    const kept = article('t3_1q0nsfw', adapt(search, { includeNsfw: true }).articles);
    assert.equal(kept?.url, 'https://www.example-news.com/war/graphic');
    assert.equal(kept.imageUrl, null);
  });

  it('drops the pinned moderator posts heading a hot listing but keeps them in search', () => {
    const hot = fixture('hot-listing.json') as RedditListing;
    const withSticky = adapt(hot).articles.map((a) => a.source.providerId);
    const trending = adapt(hot, { skipStickied: true });
    assert.deepEqual(withSticky, ['t3_1q0stick', 't3_1q0link', 't3_1q0gal']);
    assert.deepEqual(
      trending.articles.map((a) => a.source.providerId),
      ['t3_1q0link', 't3_1q0gal'],
    );
    assert.deepEqual(trending.dropped, { stickied: 1, nsfw: 1 });
  });

  it('resolves a relative url, and treats an empty crosspost_parent_list as no crosspost', () => {
    const draft = article('t3_1q0rel');
    assert.equal(
      draft?.url,
      'https://www.reddit.com/r/worldnews/comments/1q0rel/megathread_summit_day_two/',
    );
    assert.equal(draft?.title, 'Megathread: summit, day two');
  });

  it('gives a self post without text a null description and collapses its title', () => {
    const draft = article('t3_1q0empty');
    assert.equal(draft?.description, null);
    assert.equal(draft?.title, 'Is anyone else seeing the aurora?');
  });

  it('counts every drop: removed, NSFW, the original after its crosspost, malformed and non-posts', () => {
    const page = adapt();
    assert.equal(page.articles.length, 9);
    assert.deepEqual(page.dropped, {
      removed: 3,
      nsfw: 1,
      duplicate: 1,
      malformed: 1,
      not_a_post: 1,
    });
  });

  it('adapts the entity-encoded listing (no raw_json) exactly like the raw one', () => {
    const encoded = fixture('search-listing-encoded.json') as RedditListing;
    assert.deepEqual(adapt(encoded), adapt());
  });

  it('drops posts outside the requested date range', () => {
    const page = adapt(search, {
      from: new Date('2026-11-28T09:00:00Z'),
      to: new Date('2026-11-28T10:30:00Z'),
    });
    assert.deepEqual(
      page.articles.map((a) => a.source.providerId),
      ['t3_1q0self', 't3_1q0sx', 't3_1q0gal'],
    );
  });

  it('throws malformed_response when no post in the listing has the expected shape', () => {
    const broken = {
      kind: 'Listing' as const,
      data: { after: null, children: [{ kind: 't3', data: { id: 'x', title: 3 } }] },
    };
    assert.throws(() => adapt(broken), { name: 'ProviderError', kind: 'malformed_response' });
  });
});

describe('markdownToText', () => {
  it('keeps link text, drops Markdown markup and zero-width spacers', () => {
    assert.equal(
      markdownToText(
        '# Update\n\n**Bold** and ~~old~~ [a link](https://x.example/a_(b)) &#x200B;\n\n> quoted\n\n---\n\n1. first',
      ),
      'Update Bold and old a link quoted first',
    );
  });

  it('keeps angle brackets the author typed', () => {
    assert.equal(markdownToText('a <b> c & d'), 'a <b> c & d');
  });

  it('returns null for empty or whitespace-only text', () => {
    assert.equal(markdownToText(''), null);
    assert.equal(markdownToText('&#x200B;\n\n '), null);
    assert.equal(markdownToText(null), null);
  });
});
