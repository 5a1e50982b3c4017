import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleDraft } from '../articles/article.js';
import { dedupe } from './dedupe.js';
import { googleNews, guardian, hoursAfterNoon, ids, newsapi } from '../../test/dedupe-drafts.js';

describe('dedupe', () => {
  describe('by title', () => {
    it('merges a Google News redirect with the publisher’s article by title', () => {
      const article = newsapi(
        'https://www.reuters.com/markets/fed-raises',
        'Fed raises rates by a quarter point',
        'Reuters',
      );
      const redirect = newsapi(
        googleNews('CBMiX'),
        'Fed raises rates by a quarter point - Reuters',
        'Google News',
        {
          publishedAt: hoursAfterNoon(2),
        },
      );
      const [group, ...rest] = dedupe([redirect, article]);
      assert.equal(rest.length, 0);
      assert.equal(group?.story.url, article.url);
      assert.equal(group?.story.title, article.title);
      assert.deepEqual(group?.story.outlets, ['Google News', 'Reuters']);
    });

    it('joins a redirect to the closest of two publishers and never glues the publishers together', () => {
      const reuters = newsapi(
        'https://www.reuters.com/fed',
        'Fed raises interest rates by a quarter point',
        'Reuters',
      );
      const ap = newsapi(
        'https://apnews.com/article/fed',
        'Fed raises interest rates by quarter point',
        'AP',
      );
      const redirect = newsapi(
        googleNews('ap'),
        'Fed raises interest rates by quarter point - AP News',
        'Google News',
      );
      assert.deepEqual(ids(dedupe([reuters, ap, redirect])), [
        [reuters.source.providerId],
        [ap.source.providerId, redirect.source.providerId],
      ]);
      assert.equal(dedupe([redirect, reuters, ap]).length, 2);
    });

    it('joins a redirect to the publisher its title names even when another title is closer', () => {
      const reuters = newsapi(
        'https://www.reuters.com/fed',
        'Fed raises interest rates by a quarter point',
        'Reuters',
      );
      const ap = newsapi(
        'https://apnews.com/article/fed',
        'Fed raises interest rates by quarter point',
        'AP',
      );
      const redirect = newsapi(
        googleNews('r'),
        'Fed raises interest rates by quarter point - Reuters',
        'Google News',
      );
      assert.deepEqual(ids(dedupe([ap, reuters, redirect])), [
        [ap.source.providerId],
        [reuters.source.providerId, redirect.source.providerId],
      ]);
    });

    it('merges a redirect with a non-Latin title into the publisher’s article', () => {
      const article = newsapi(
        'https://ria.ru/20261120/peregovory.html',
        'Путин и Зеленский: переговоры продолжатся',
        'РИА Новости',
      );
      const redirect = newsapi(
        googleNews('ru'),
        'Путин и Зеленский — переговоры продолжатся — РИА Новости',
        'Google News',
      );
      const cjk = newsapi(
        'https://www.nikkei.com/article/boj',
        '日本銀行が利上げを決定',
        '日本経済新聞',
      );
      const cjkRedirect = newsapi(
        googleNews('ja'),
        '日本銀行が利上げを正式決定 - 日本経済新聞',
        'Google News',
      );
      assert.deepEqual(
        dedupe([article, redirect, cjk, cjkRedirect]).map((g) => g.members.length),
        [2, 2],
      );
    });

    it('keeps two outlets’ different articles with similar titles apart', () => {
      const groups = dedupe([
        newsapi(
          'https://www.reuters.com/markets/us/fed-raises-rates',
          'Fed raises rates by a quarter point',
          'Reuters',
        ),
        newsapi(
          'https://apnews.com/article/fed-raises-rates-abc',
          'Fed raises rates by a quarter point',
          'Associated Press',
        ),
      ]);
      assert.equal(groups.length, 2);
    });

    it('merges the same outlet’s republished article with a slightly edited title', () => {
      const groups = dedupe([
        guardian(
          'https://www.theguardian.com/world/2026/nov/20/storm-ciaran',
          'Storm Ciarán batters southern England',
        ),
        guardian(
          'https://www.theguardian.com/uk-news/2026/nov/20/storm-ciaran-batters-england',
          'Storm Ciarán batters southern England and Wales',
          { publishedAt: hoursAfterNoon(5) },
        ),
      ]);
      assert.equal(groups.length, 1);
    });

    it('treats one outlet name on two hosts as the same outlet', () => {
      const groups = dedupe([
        newsapi(
          'https://www.bbc.co.uk/news/uk-1',
          'Storm batters the Channel coast overnight',
          'BBC News',
        ),
        newsapi(
          'https://www.bbc.com/news/world-2',
          'Storm batters Channel coast overnight',
          'BBC News',
        ),
      ]);
      assert.equal(groups.length, 1);
    });

    it('treats subdomains of one registrable host as one outlet, but not two names under co.uk', () => {
      const title = 'Storm batters the Channel coast overnight';
      const edited = 'Storm batters Channel coast overnight';
      const merged = (a: ArticleDraft, b: ArticleDraft) => dedupe([a, b]).length === 1;
      assert.ok(
        merged(
          newsapi('https://edition.cnn.com/2026/11/20/storm', title, 'CNN International'),
          newsapi('https://www.cnn.com/2026/11/20/storm-coast', edited, 'CNN'),
        ),
      );
      assert.ok(
        merged(
          newsapi('https://news.bbc.co.uk/1/storm', title, 'BBC'),
          newsapi('https://www.bbc.co.uk/news/storm-2', edited, 'BBC News'),
        ),
      );
      assert.ok(
        !merged(
          newsapi('https://www.bbc.co.uk/news/storm', title, 'BBC News'),
          newsapi('https://www.itv.co.uk/news/storm', edited, 'ITV News'),
        ),
      );
    });

    it('does not merge a title match outside the time window, unless the window is widened', () => {
      const drafts = [
        newsapi('https://www.reuters.com/fed', 'Fed raises rates by a quarter point', 'Reuters'),
        newsapi(
          googleNews('late'),
          'Fed raises rates by a quarter point - Reuters',
          'Google News',
          {
            publishedAt: hoursAfterNoon(73),
          },
        ),
      ];
      assert.equal(dedupe(drafts).length, 2);
      assert.equal(dedupe(drafts, { windowHours: 96 }).length, 1);
    });

    it('keeps the same outlet’s different angles on one event apart, unless the threshold is lowered', () => {
      const drafts = [
        guardian(
          'https://www.theguardian.com/a',
          'Fed raises interest rates for the first time since 2020',
        ),
        guardian(
          'https://www.theguardian.com/b',
          'Fed raises interest rates: what it means for your mortgage',
        ),
      ];
      assert.equal(dedupe(drafts).length, 2);
      assert.equal(dedupe(drafts, { threshold: 0.5 }).length, 1);
    });
  });
});
