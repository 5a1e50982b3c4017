import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { appToken, redditGet, userTokens, type RedditListing } from '../test-support.js';

const NOW = new Date('2026-03-14T12:03:20Z');

describe('sandbox Reddit API (oauth.reddit.com): access', () => {
  let sandbox: Sandbox;
  let token: string;
  before(async () => {
    sandbox = await startSandbox({ now: () => NOW });
    token = await appToken(sandbox);
  });
  after(() => sandbox.close());

  describe('gatekeeping', () => {
    it('answers a missing or bad bearer token 401 with WWW-Authenticate and an HTML body', async () => {
      const cases: Record<string, string>[] = [{}, { authorization: 'bearer not-a-token' }];
      for (const headers of cases) {
        const res = await fetch(`${sandbox.baseUrls.redditApi}/r/worldnews/hot`, {
          headers: { 'user-agent': 'test:newsroom:v1 (by /u/x)', ...headers },
        });
        assert.equal(res.status, 401);
        assert.equal(
          res.headers.get('www-authenticate'),
          'Bearer realm="reddit", error="invalid_token"',
        );
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(await res.text(), /<html/);
      }
    });

    it('accepts "Bearer" in either case', async () => {
      assert.equal(
        (
          await redditGet(sandbox, '/r/news/new?limit=1', token, {
            authorization: `Bearer ${token}`,
          })
        ).status,
        200,
      );
    });

    it('throttles generic User-Agents (429) and blocks missing ones (403)', async () => {
      const generic = await redditGet(sandbox, '/hot', token, {
        'user-agent': 'python-requests/2.31.0',
      });
      assert.equal(generic.status, 429);
      assert.match(await generic.text(), /whoa there, pardner!/);
      const none = await fetch(`${sandbox.baseUrls.redditApi}/hot`, {
        headers: { authorization: `bearer ${token}`, 'user-agent': '' },
      });
      assert.equal(none.status, 403);
    });

    it('sends X-Ratelimit-* headers: integer used, float remaining, seconds to the window end', async () => {
      const res = await redditGet(sandbox, '/r/news/new?limit=1', token);
      const used = res.headers.get('x-ratelimit-used') ?? '';
      assert.match(used, /^\d+$/);
      assert.equal(res.headers.get('x-ratelimit-remaining'), `${600 - Number(used)}.0`);
      // 12:03:20 is 200 s into a 600 s window.
      assert.equal(res.headers.get('x-ratelimit-reset'), '400');
    });

    it('answers 404 for an unknown subreddit', async () => {
      const res = await redditGet(sandbox, '/r/thisdoesnotexist123/hot', token);
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { message: 'Not Found', error: 404 });
    });
  });

  describe('user endpoints', () => {
    it('returns the bare account from /api/v1/me for a user token and 403 for an app-only one', async () => {
      const user = await userTokens(sandbox, 'identity read mysubreddits', 'alice_1');
      const me = await redditGet(sandbox, '/api/v1/me', user.access_token);
      const body = (await me.json()) as { kind?: string; name: string; created_utc: number };
      assert.equal(me.status, 200);
      assert.equal(body.kind, undefined);
      assert.equal(body.name, 'alice_1');
      assert.equal(typeof body.created_utc, 'number');
      assert.equal((await redditGet(sandbox, '/api/v1/me', token)).status, 403);
    });

    it('answers 403 insufficient_scope when the grant lacks the scope', async () => {
      const user = await userTokens(sandbox, 'read');
      const res = await redditGet(sandbox, '/api/v1/me', user.access_token);
      assert.equal(res.status, 403);
      assert.equal(
        res.headers.get('www-authenticate'),
        'Bearer realm="reddit", error="insufficient_scope"',
      );
    });

    it('lists subscriptions as t5 Things and builds the front page from them', async () => {
      const user = await userTokens(sandbox);
      const res = await redditGet(
        sandbox,
        '/subreddits/mine/subscriber?limit=100',
        user.access_token,
      );
      const body = (await res.json()) as {
        data: {
          children: {
            kind: string;
            data: { display_name: string; url: string; over18: boolean };
          }[];
        };
      };
      assert.ok(body.data.children.length >= 4);
      const names = new Set(body.data.children.map((c) => c.data.display_name));
      for (const child of body.data.children) {
        assert.equal(child.kind, 't5');
        assert.equal(child.data.url, `/r/${child.data.display_name}/`);
        assert.equal(typeof child.data.over18, 'boolean');
      }
      const front = (await (
        await redditGet(sandbox, '/hot?limit=100&raw_json=1', user.access_token)
      ).json()) as RedditListing;
      assert.ok(front.data.children.every((c) => names.has(c.data.subreddit)));
    });
  });
});

describe('sandbox Reddit request window', () => {
  it('answers 429 with Retry-After past the window allowance, alternating HTML and JSON bodies', async () => {
    const sandbox = await startSandbox({ now: () => NOW, quotas: { redditPerWindow: 2 } });
    try {
      const token = await appToken(sandbox);
      assert.equal((await redditGet(sandbox, '/hot?limit=1', token)).status, 200);
      const last = await redditGet(sandbox, '/hot?limit=1', token);
      assert.equal(last.headers.get('x-ratelimit-remaining'), '0.0');
      const first = await redditGet(sandbox, '/hot?limit=1', token);
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '400');
      assert.match(await first.text(), /whoa there, pardner!/);
      const second = await redditGet(sandbox, '/hot?limit=1', token);
      assert.equal(second.status, 429);
      assert.deepEqual(await second.json(), { message: 'Too Many Requests', error: 429 });
    } finally {
      await sandbox.close();
    }
  });
});
