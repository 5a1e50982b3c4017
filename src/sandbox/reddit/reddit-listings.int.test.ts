import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { appToken, redditGet, type RedditListing, type RedditT3 } from '../test-support.js';

const NOW = new Date('2026-03-14T12:03:20Z');

describe('sandbox Reddit API (oauth.reddit.com): content', () => {
  let sandbox: Sandbox;
  let token: string;
  before(async () => {
    sandbox = await startSandbox({ now: () => NOW });
    token = await appToken(sandbox);
  });
  after(() => sandbox.close());

  const listing = async (path: string): Promise<RedditListing> => {
    const res = await redditGet(sandbox, path, token);
    assert.equal(res.status, 200, path);
    return (await res.json()) as RedditListing;
  };
  const posts = async (path: string): Promise<RedditT3[]> =>
    (await listing(path)).data.children.map((c) => c.data);

  describe('listings', () => {
    it('wraps t3 children in a Listing and pages with after cursors', async () => {
      const first = await listing('/r/worldnews/new?limit=5');
      assert.equal(first.kind, 'Listing');
      assert.equal(first.data.dist, 5);
      assert.equal(first.data.modhash, '');
      assert.ok(first.data.children.every((c) => c.kind === 't3'));
      assert.equal(first.data.after, first.data.children.at(-1)?.data.name);
      const second = await listing(`/r/worldnews/new?limit=5&after=${first.data.after ?? ''}`);
      assert.equal(
        new Set([...first.data.children, ...second.data.children].map((c) => c.data.id)).size,
        10,
      );
      const big = await listing('/r/worldnews/new?limit=500');
      assert.equal(big.data.dist, 100);
    });

    it('pins stickied moderator posts to the top of a subreddit’s hot listing', async () => {
      const hot = await posts('/r/worldnews/hot?limit=10');
      assert.equal(hot[0]?.stickied, true);
      assert.equal(hot[0]?.distinguished, 'moderator');
      const firstUnstuck = hot.findIndex((p) => !p.stickied);
      assert.ok(hot.slice(firstUnstuck).every((p) => !p.stickied));
    });

    it('serves multireddits, .json paths and the front page', async () => {
      const multi = await posts('/r/europe+worldnews/new.json?limit=100');
      assert.deepEqual([...new Set(multi.map((p) => p.subreddit))].sort(), ['europe', 'worldnews']);
      assert.equal((await posts('/hot?limit=3')).length, 3);
    });

    it('has self posts, link posts, crossposts, deleted, removed and NSFW posts with Reddit’s key rules', async () => {
      const all: RedditT3[] = [];
      let after = '';
      for (let page = 0; page < 10; page++) {
        const l = await listing(
          `/r/all/new?limit=100&raw_json=1${after === '' ? '' : `&after=${after}`}`,
        );
        all.push(...l.data.children.map((c) => c.data));
        if (l.data.after === null) break;
        after = l.data.after;
      }
      const self = all.find((p) => p.is_self);
      assert.ok(self);
      assert.equal(self.url_overridden_by_dest, undefined);
      assert.equal(self.url, `https://www.reddit.com${self.permalink}`);
      assert.equal(self.domain, `self.${self.subreddit}`);
      const link = all.find((p) => !p.is_self && p.crosspost_parent === undefined);
      assert.ok(link);
      assert.equal(link.url_overridden_by_dest, link.url);
      const cross = all.find((p) => p.crosspost_parent !== undefined);
      assert.ok(cross);
      assert.equal(cross.crosspost_parent, cross.crosspost_parent_list?.[0]?.name);
      assert.equal(cross.url, cross.crosspost_parent_list?.[0]?.url);
      const deleted = all.find((p) => p.author === '[deleted]');
      assert.ok(deleted);
      assert.equal('author_fullname' in deleted, false);
      const removed = all.filter(
        (p) =>
          p.removed_by_category === 'moderator' || p.removed_by_category === 'automod_filtered',
      );
      assert.ok(removed.length > 0);
      assert.ok(removed.every((p) => !p.is_self || p.selftext === '[removed]'));
      const nsfw = all.filter((p) => p.over_18);
      assert.ok(nsfw.length > 0 && nsfw.every((p) => p.thumbnail === 'nsfw'));
      assert.ok(all.every((p) => p.permalink.startsWith('/r/')));
      assert.ok(all.some((p) => ['self', 'default', ''].includes(p.thumbnail)));
      assert.ok(all.some((p) => p.thumbnail.startsWith('https://')));
    });

    it('sends created_utc as a float and a ~1,000 item ceiling on paging', async () => {
      const res = await redditGet(sandbox, '/r/all/new?limit=1&raw_json=1', token);
      assert.match(await res.text(), /"created_utc": \d+\.0,/);
      const deep = await listing('/r/all/top?limit=100&t=all');
      let after = deep.data.after;
      let seen = deep.data.dist;
      while (after !== null) {
        const next = await listing(`/r/all/top?limit=100&t=all&after=${after}`);
        seen += next.data.dist;
        after = next.data.after;
      }
      assert.equal(seen, 1000);
    });
  });

  describe('raw_json', () => {
    it('entity-encodes & < > everywhere without raw_json=1 and double-escapes selftext_html', async () => {
      const path = '/r/worldnews/hot?limit=5';
      const encoded = await posts(path);
      const raw = await posts(`${path}&raw_json=1`);
      const sticky = raw.find((p) => p.selftext.includes('&'));
      assert.ok(sticky);
      const same = encoded.find((p) => p.id === sticky.id);
      assert.equal(same?.selftext, sticky.selftext.replace(/&/g, '&amp;').replace(/>/g, '&gt;'));
      assert.match(sticky.selftext_html ?? '', /^<!-- SC_OFF --><div class="md">/);
      assert.match(same?.selftext_html ?? '', /^&lt;!-- SC_OFF --&gt;/);
      assert.ok(same?.selftext_html?.includes('&amp;amp;'));
      const withPreview = (await posts('/r/news/new?limit=100')).find(
        (p) => p.preview !== undefined,
      );
      assert.match(withPreview?.preview?.images[0]?.source.url ?? '', /&amp;s=/);
    });
  });

  describe('search', () => {
    it('searches titles with AND between words, ignoring field operators, newest first on sort=new', async () => {
      const found = await posts('/search?q=title:climate&sort=new&limit=50&raw_json=1');
      assert.ok(found.length > 0);
      assert.ok(found.every((p) => /climate/i.test(`${p.title} ${p.selftext}`)));
      const times = found.map((p) => p.created_utc);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      const listingBody = await listing('/search?q=climate');
      assert.deepEqual(listingBody.data.facets, {});
    });

    it('leaves NSFW out unless include_over_18 is on', async () => {
      const without = await posts(
        '/r/CombatFootage/search?q=the OR a OR and&restrict_sr=1&limit=100',
      );
      assert.equal(without.length, 0);
      const withNsfw = await posts(
        '/r/CombatFootage/search?q=the OR a OR and&restrict_sr=1&include_over_18=on&limit=100',
      );
      assert.ok(withNsfw.length > 0 && withNsfw.every((p) => p.over_18));
    });

    it('restricts /r/{sub}/search to the subreddit only with restrict_sr', async () => {
      const restricted = await posts('/r/europe/search?q=the&restrict_sr=1&limit=100');
      assert.ok(restricted.length > 0 && restricted.every((p) => p.subreddit === 'europe'));
      const everywhere = await posts('/r/europe/search?q=the&limit=100');
      assert.ok(everywhere.some((p) => p.subreddit !== 'europe'));
    });
  });
});
