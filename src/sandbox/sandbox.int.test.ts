import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalUrl } from '../articles/canonical-url.js';
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { startSandbox, type Sandbox } from './sandbox.js';
import { appToken, redditGet, USER_AGENT } from './test-support.js';

const NOW = new Date('2026-03-14T12:00:00Z');

interface Listing {
  data: { after: string | null; children: { data: { url: string; domain: string } }[] };
}
const json = async <T>(res: Response | Promise<Response>): Promise<T> =>
  (await (await res).json()) as T;
const NEWSAPI_QUERY = `/v2/everything?q=climate&pageSize=5&apiKey=${SANDBOX_CREDENTIALS.newsapiKey}`;
const GUARDIAN_QUERY = `/search?page-size=3&api-key=${SANDBOX_CREDENTIALS.guardianKey}`;

describe('sandbox server', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({
      now: () => NOW,
      quotas: { guardianPerSecond: 1000, newsapiPerDay: 10_000 },
    });
  });
  after(() => sandbox.close());

  it('listens on loopback and exposes each upstream under its prefix', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(sandbox.baseUrls, {
      newsapi: `${sandbox.url}/newsapi`,
      guardian: `${sandbox.url}/guardian`,
      redditAuth: `${sandbox.url}/reddit/www`,
      redditApi: `${sandbox.url}/reddit/oauth`,
    });
  });

  it('serves the same story from all three upstreams under different URLs', async () => {
    const guardian = await json<{ response: { results: { webUrl: string }[] } }>(
      fetch(
        `${sandbox.baseUrls.guardian}/search?page-size=200&api-key=${SANDBOX_CREDENTIALS.guardianKey}`,
      ),
    );
    const byCanonical = new Map<string, string>();
    for (const item of guardian.response.results)
      byCanonical.set(canonicalUrl(item.webUrl) ?? '', item.webUrl);

    const newsapi = await json<{ articles: { url: string; source: { name: string } }[] }>(
      fetch(
        `${sandbox.baseUrls.newsapi}/v2/everything?domains=theguardian.com&pageSize=100&apiKey=${SANDBOX_CREDENTIALS.newsapiKey}`,
      ),
    );
    const inNewsapi = newsapi.articles.filter((a) => byCanonical.has(canonicalUrl(a.url) ?? ''));
    assert.ok(inNewsapi.length > 20, `${inNewsapi.length} Guardian stories in NewsAPI`);
    assert.ok(inNewsapi.every((a) => a.source.name === 'The Guardian'));
    assert.ok(
      inNewsapi.some((a) => a.url !== byCanonical.get(canonicalUrl(a.url) ?? '')),
      'some NewsAPI URLs are variants',
    );

    const token = await appToken(sandbox);
    const reddit: { url: string; domain: string }[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const listing = await json<Listing>(
        redditGet(
          sandbox,
          `/r/all/new?limit=100&raw_json=1${cursor === '' ? '' : `&after=${cursor}`}`,
          token,
        ),
      );
      reddit.push(...listing.data.children.map((c) => c.data));
      if (listing.data.after === null) break;
      cursor = listing.data.after;
    }
    const inReddit = reddit.filter((p) => byCanonical.has(canonicalUrl(p.url) ?? ''));
    assert.ok(inReddit.length > 5, `${inReddit.length} Guardian stories linked from Reddit`);
    assert.ok(
      inReddit.some((p) => p.url !== byCanonical.get(canonicalUrl(p.url) ?? '')),
      'some Reddit URLs are variants',
    );
  });

  describe('control endpoints', () => {
    const control = (path: string, init?: RequestInit) =>
      fetch(`${sandbox.url}/__sandbox${path}`, init);
    const put = (upstream: string, body: unknown) =>
      control(`/faults/${upstream}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('reports health', async () => {
      const res = await control('/health');
      assert.equal(res.status, 200);
      assert.equal((await json<{ status: string }>(res)).status, 'ok');
    });

    it('sets, shows and clears faults over HTTP', async () => {
      assert.equal((await put('newsapi', { errorRate: 1 })).status, 200);
      assert.deepEqual((await json<Record<string, unknown>>(control('/faults'))).newsapi, {
        errorRate: 1,
      });
      assert.ok((await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).status >= 500);
      assert.equal((await control('/faults', { method: 'DELETE' })).status, 200);
      assert.deepEqual(await json(control('/faults')), {
        newsapi: {},
        guardian: {},
        reddit: {},
      });
      assert.equal((await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).status, 200);
    });

    it('rejects unknown upstreams, unknown fault names and out-of-range values', async () => {
      assert.equal((await put('bing', { stall: true })).status, 404);
      assert.equal((await put('reddit', { explode: true })).status, 400);
      assert.equal((await put('reddit', { errorRate: 2 })).status, 400);
      assert.equal((await put('reddit', { latencyMs: '5' })).status, 400);
    });
  });

  describe('faults', () => {
    const faults = (
      upstream: 'newsapi' | 'guardian' | 'reddit',
      value: Parameters<Sandbox['faults']['set']>[1],
    ) => {
      sandbox.faults.reset();
      sandbox.faults.set(upstream, value);
    };
    after(() => sandbox.faults.reset());

    it('adds latency before answering, fixed or within a range', async () => {
      faults('guardian', { latencyMs: 150 });
      let started = performance.now();
      assert.equal((await fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`)).status, 200);
      assert.ok(performance.now() - started >= 145);
      faults('guardian', { latencyMs: { min: 60, max: 80 } });
      started = performance.now();
      await fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`);
      assert.ok(performance.now() - started >= 55);
    });

    it('answers 5xx in each upstream’s own shape', async () => {
      faults('newsapi', { errorRate: 1 });
      const seen = new Map<number, string>();
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`);
        seen.set(res.status, await res.text());
      }
      assert.equal(
        (JSON.parse(seen.get(500) ?? '{}') as { code?: string }).code,
        'unexpectedError',
      );
      assert.match(seen.get(502) ?? '', /Cloudflare/);

      faults('guardian', { errorRate: 1 });
      const guardian = await fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`);
      assert.ok([500, 502, 504].includes(guardian.status));
      assert.equal(typeof (await guardian.json()), 'object');

      faults('reddit', { errorRate: 1 });
      const reddit = await redditGet(sandbox, '/hot', 'any');
      assert.ok(reddit.status >= 500);
      assert.match(reddit.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('fails the same requests on every run for a given errorRate (seeded draws)', async () => {
      const run = async () => {
        faults('newsapi', { errorRate: 0.5 });
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++)
          statuses.push((await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).status);
        return statuses;
      };
      const first = await run();
      assert.deepEqual(await run(), first);
      assert.ok(first.some((s) => s === 200) && first.some((s) => s >= 500), first.join(','));
    });

    it('stalls until the client gives up', async () => {
      faults('newsapi', { stall: true });
      await assert.rejects(
        fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`, { signal: AbortSignal.timeout(200) }),
        (error: Error) => error.name === 'TimeoutError',
      );
    });

    it('resets the connection without answering', async () => {
      faults('guardian', { reset: true });
      await assert.rejects(
        fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`),
        (error: Error & { cause?: { code?: string } }) => {
          assert.equal(error.name, 'TypeError');
          assert.match(String(error.cause?.code), /ECONNRESET|UND_ERR_SOCKET/);
          return true;
        },
      );
    });

    it('throttles every call in the upstream’s 429 shape, with Retry-After where the real one sends it', async () => {
      faults('newsapi', { rateLimited: { retryAfterSeconds: 30 } });
      const newsapi = await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`);
      assert.equal(newsapi.status, 429);
      assert.equal(newsapi.headers.get('retry-after'), null);
      assert.equal((await json<{ code: string }>(newsapi)).code, 'rateLimited');

      faults('guardian', { rateLimited: { retryAfterSeconds: 30 } });
      const guardian = await fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`);
      assert.equal(guardian.status, 429);
      assert.equal(guardian.headers.get('retry-after'), '30');
      assert.deepEqual(await guardian.json(), { message: 'API rate limit exceeded' });

      faults('reddit', { rateLimited: { retryAfterSeconds: 30 } });
      const bodies = [];
      for (let i = 0; i < 2; i++) {
        const res = await redditGet(sandbox, '/hot', 'any');
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), '30');
        bodies.push(await res.text());
      }
      assert.ok(bodies.some((b) => b.includes('whoa there, pardner!')));
      assert.ok(bodies.includes(JSON.stringify({ message: 'Too Many Requests', error: 429 })));
    });

    it('returns 200 with a body that is not JSON', async () => {
      faults('reddit', { malformedJson: true });
      const res = await redditGet(sandbox, '/hot', 'any');
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.throws(() => JSON.parse(text), SyntaxError);
    });

    it('returns 200 with the real JSON cut off midway', async () => {
      sandbox.faults.reset();
      const whole = await (await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).text();
      faults('newsapi', { truncatedBody: true });
      const res = await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`);
      assert.equal(res.status, 200);
      const cut = await res.text();
      assert.ok(cut.length > 10 && cut.length < whole.length && whole.startsWith(cut));
      assert.throws(() => JSON.parse(cut), SyntaxError);
    });

    it('returns 200 with valid JSON of the wrong shape, leaving other upstreams alone', async () => {
      faults('guardian', { wrongShape: true });
      const res = await fetch(`${sandbox.baseUrls.guardian}${GUARDIAN_QUERY}`);
      assert.equal(res.status, 200);
      const body = await json<{ response: { results: unknown } }>(res);
      assert.equal(Array.isArray(body.response.results), false);
      assert.equal((await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).status, 200);
      assert.equal((await fetch(`${sandbox.url}/__sandbox/health`)).status, 200);
    });
  });
});

describe('sandbox determinism over HTTP', () => {
  it('serves identical responses for the same seed and different ones for another seed', async () => {
    const body = async (seed: string) => {
      const sandbox = await startSandbox({ seed, now: () => NOW });
      try {
        const news = await (await fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`)).text();
        const token = await appToken(sandbox);
        const reddit = await (
          await redditGet(sandbox, '/r/worldnews/new?limit=5&raw_json=1', token, {
            'user-agent': USER_AGENT,
          })
        ).text();
        return { news, reddit };
      } finally {
        await sandbox.close();
      }
    };
    const [a, b, c] = [await body('seed-one'), await body('seed-one'), await body('seed-two')];
    assert.deepEqual(a, b);
    assert.notEqual(a.news, c.news);
    assert.notEqual(a.reddit, c.reddit);
  });

  it('closes promptly even with a stalled request open', async () => {
    const sandbox = await startSandbox({ now: () => NOW });
    sandbox.faults.set('newsapi', { stall: true });
    const pending = fetch(`${sandbox.baseUrls.newsapi}${NEWSAPI_QUERY}`).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await sandbox.close();
    assert.ok(performance.now() - started < 1000);
    assert.ok((await pending) instanceof Error);
  });
});
