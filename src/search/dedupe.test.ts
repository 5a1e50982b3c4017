import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dedupe } from './dedupe.js';
import {
  googleNews,
  guardian,
  hoursAfterNoon,
  ids,
  newsapi,
  reddit,
} from '../../test/dedupe-drafts.js';

describe('dedupe', () => {
  describe('by canonical URL', () => {
    it('merges tracking, AMP, mobile, www, trailing-slash and fragment variants of one article', () => {
      const base = 'https://www.theguardian.com/world/2026/nov/20/summit-ends';
      const variants = [
        guardian(base, 'Summit ends without a deal'),
        newsapi(`${base}?CMP=share_btn_tw&utm_source=twitter`, 'Summit ends', 'The Guardian'),
        newsapi('https://amp.theguardian.com/world/2026/nov/20/summit-ends', 'Amp', 'Guardian'),
        newsapi('http://m.theguardian.com/world/2026/nov/20/summit-ends/', 'Mobile', 'Guardian'),
        newsapi(`${base}/amp#comments`, 'Amp path', 'The Guardian'),
        reddit(`${base}?utm_source=reddit`, 'Summit ends without a deal', 'worldnews'),
      ];
      const groups = dedupe(variants);
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0]?.members, variants);
      assert.equal(
        groups[0]?.story.canonicalUrl,
        'https://theguardian.com/world/2026/nov/20/summit-ends',
      );
    });

    it('keeps different articles on one host apart', () => {
      const groups = dedupe([
        guardian('https://www.theguardian.com/world/a', 'Summit opens in Geneva'),
        guardian('https://www.theguardian.com/world/b', 'Floods close schools in Leeds'),
      ]);
      assert.equal(groups.length, 2);
    });

    it('never merges by an opaque URL: one Google News redirect or consent wall for two stories', () => {
      const groups = dedupe([
        newsapi(googleNews('same'), 'Fed raises rates by a quarter point', 'Reuters'),
        newsapi(googleNews('same'), 'Storm batters the Channel coast', 'BBC News'),
        newsapi(
          'https://consent.yahoo.com/v2/collectConsent?sessionId=1',
          'Markets rally',
          'Yahoo',
        ),
        newsapi('https://consent.yahoo.com/v2/collectConsent?sessionId=1', 'Oil slides', 'Yahoo'),
      ]);
      assert.equal(groups.length, 4);
    });
  });

  describe('Reddit', () => {
    it('merges a link post into the article it links, carrying its provider and subreddit', () => {
      const article = newsapi(
        'https://www.reuters.com/markets/fed-raises-rates-2026-11-20/',
        'Fed raises rates by a quarter point',
        'Reuters',
        { description: 'The Federal Reserve raised rates.' },
      );
      const post = reddit(
        'https://reuters.com/markets/fed-raises-rates-2026-11-20?utm_source=reddit&utm_medium=usertext',
        'The Fed just hiked again!!!',
        'economics',
        { author: 'rate_watcher', publishedAt: hoursAfterNoon(-1) },
      );
      const [group, ...rest] = dedupe([post, article]);
      assert.equal(rest.length, 0);
      assert.deepEqual(group?.members, [post, article]);
      assert.equal(group?.story.url, article.url);
      assert.equal(group?.story.title, 'Fed raises rates by a quarter point');
      assert.deepEqual(group?.story.providers, ['reddit', 'newsapi']);
      assert.deepEqual(group?.story.outlets, ['r/economics', 'Reuters']);
      assert.deepEqual(group?.story.publishedAt, hoursAfterNoon(-1));
    });

    it('merges a self post that copies the article title, keeping the publisher URL and byline', () => {
      const article = guardian(
        'https://www.theguardian.com/business/rates',
        'Bank of England holds rates at 4%',
        {
          author: 'Jane Doe',
          description: 'Short trail.',
        },
      );
      const post = reddit(
        'https://www.reddit.com/r/ukpolitics/comments/1q0abc/bank_of_england_holds_rates/',
        'Bank of England holds rates at 4%',
        'ukpolitics',
        {
          author: 'poster',
          description: 'A much longer selftext written by the poster about it all.',
        },
      );
      const [group, ...rest] = dedupe([article, post]);
      assert.equal(rest.length, 0);
      assert.equal(group?.story.url, article.url);
      assert.equal(group?.story.author, 'Jane Doe');
      assert.equal(group?.story.description, 'Short trail.');
      assert.deepEqual(group?.story.providers, ['guardian', 'reddit']);
    });

    it('does not merge a link post to one publisher with another publisher’s similar article', () => {
      const groups = dedupe([
        newsapi('https://www.reuters.com/fed-1', 'Fed raises rates by a quarter point', 'Reuters'),
        reddit('https://apnews.com/article/fed-2', 'Fed raises rates by a quarter point', 'news'),
      ]);
      assert.equal(groups.length, 2);
    });

    it('merges two subreddits’ self posts with the same title into one discussion', () => {
      const groups = dedupe([
        reddit(
          'https://www.reddit.com/r/a/comments/1/x/',
          'Is anyone else seeing the aurora?',
          'a',
        ),
        reddit('https://www.reddit.com/r/b/comments/2/x/', 'Is anyone else seeing the aurora', 'b'),
      ]);
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0]?.story.outlets, ['r/a', 'r/b']);
    });
  });

  describe('the merged story', () => {
    it('takes publisher fields before Reddit’s, the longest description and the earliest date', () => {
      const url = 'https://www.theguardian.com/world/2026/nov/20/summit';
      const post = reddit(url, 'Summit: leaders agree (thread)', 'worldnews', {
        author: 'poster',
        imageUrl: 'https://preview.redd.it/a.jpg',
        publishedAt: hoursAfterNoon(-3),
      });
      const wire = newsapi(`${url}?utm_source=rss`, 'Leaders agree at summit', 'The Guardian', {
        description: 'A short one.',
        author: null,
        imageUrl: null,
        language: null,
      });
      const own = guardian(url, 'Leaders agree climate deal at summit', {
        description: 'The longest description of the three, from the Guardian.',
        content: 'Body text.',
        author: 'Jane Doe',
        imageUrl: 'https://i.guim.co.uk/img.jpg',
        language: 'en',
      });
      const story = dedupe([post, wire, own])[0]?.story;
      assert.deepEqual(story, {
        canonicalUrl: 'https://theguardian.com/world/2026/nov/20/summit',
        url: `${url}?utm_source=rss`,
        title: 'Leaders agree at summit',
        description: 'The longest description of the three, from the Guardian.',
        content: 'Body text.',
        author: 'Jane Doe',
        imageUrl: 'https://i.guim.co.uk/img.jpg',
        language: 'en',
        publishedAt: hoursAfterNoon(-3),
        providers: ['reddit', 'newsapi', 'guardian'],
        outlets: ['r/worldnews', 'The Guardian'],
      });
    });

    it('prefers a Reddit link post’s publisher URL to a Google News redirect', () => {
      const redirect = newsapi(
        googleNews('x'),
        'Oil prices slide as demand cools - FT',
        'Google News',
      );
      const post = reddit(
        'https://www.ft.com/content/oil-123',
        'Oil prices slide as demand cools',
        'economics',
      );
      const story = dedupe([redirect, post])[0]?.story;
      assert.equal(story?.canonicalUrl, 'https://ft.com/content/oil-123');
      assert.equal(story?.title, 'Oil prices slide as demand cools - FT');
    });

    it('falls back to Reddit’s own fields when only Reddit saw the story', () => {
      const thread = 'https://www.reddit.com/r/space/comments/1/aurora/';
      const story = dedupe([
        reddit(thread, 'Aurora seen as far south as Madrid', 'space', {
          author: 'skywatcher',
          description: 'Photos inside.',
        }),
      ])[0]?.story;
      assert.equal(story?.url, thread);
      assert.equal(story?.author, 'skywatcher');
      assert.equal(story?.description, 'Photos inside.');
    });
  });

  describe('determinism', () => {
    const fixture = () => [
      newsapi('https://www.reuters.com/fed', 'Fed raises rates by a quarter point', 'Reuters'),
      newsapi('https://apnews.com/article/fed', 'Fed raises rates by a quarter point', 'AP'),
      newsapi(googleNews('g'), 'Fed raises rates by a quarter point - Reuters', 'Google News'),
      reddit('https://reuters.com/fed?utm_source=reddit', 'Fed hikes again', 'economics'),
      guardian('https://www.theguardian.com/storm', 'Storm batters the coast – live'),
      guardian('https://www.theguardian.com/storm-2', 'Storm batters the coast'),
    ];

    it('returns the same groups for the same input, in order of first sighting', () => {
      const drafts = fixture();
      const first = dedupe(drafts);
      assert.deepEqual(dedupe(drafts), first);
      const [reuters, ap, redirect, post, live, storm] = drafts.map((d) => d.source.providerId);
      assert.deepEqual(ids(first), [[reuters, redirect, post], [ap], [live, storm]]);
    });

    it('forms the same groups whatever the input order', () => {
      const drafts = fixture();
      const canonical = (groups: ReturnType<typeof dedupe>) =>
        ids(groups)
          .map((g) => [...g].sort().join(','))
          .sort();
      const expected = canonical(dedupe(drafts));
      for (let shift = 1; shift < drafts.length; shift += 1) {
        const rotated = [...drafts.slice(shift), ...drafts.slice(0, shift)];
        assert.deepEqual(canonical(dedupe(rotated)), expected, `rotated by ${shift}`);
      }
      assert.deepEqual(canonical(dedupe([...drafts].reverse())), expected);
    });

    it('returns no groups for no drafts', () => {
      assert.deepEqual(dedupe([]), []);
    });
  });
});
