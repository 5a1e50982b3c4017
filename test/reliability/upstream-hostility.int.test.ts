import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createGuardianClient } from '../../src/providers/guardian/guardian.client.js';
import { createNewsApiClient } from '../../src/providers/newsapi/newsapi.client.js';
import { ProviderError } from '../../src/providers/provider-error.js';
import type { Provider } from '../../src/providers/provider.js';
import { createTestApp, type TestApp } from '../app.js';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { RELAXED_PROVIDER_LIMITS } from '../search-env.js';

/**
 * Hostile upstreams, through the real clients over loopback HTTP: oversized bodies are refused at
 * the cap, HTML where JSON belongs is a malformed response, and a search's write-through stores
 * nothing the web app would render unsafely (no javascript:/data: URLs, no raw <script>).
 */

const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

type Handler = (path: string, res: ServerResponse) => void;

/** A loopback server whose answer a test swaps; answers every path with `handler`. */
async function hostileServer(): Promise<{ url: string; set(h: Handler): void; close(): void }> {
  let handler: Handler = (_, res) => res.end('{}');
  const server: Server = createServer((req, res) =>
    handler(new URL(req.url ?? '/', 'http://x').pathname, res),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (h) => (handler = h),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Items every provider is sent: one survivable but dirty, the rest to be dropped. */
const SCRIPT = '<script>alert(document.cookie)</script>';
function newsapiPage() {
  const item = (over: Record<string, unknown>) => ({
    source: { id: null, name: `Outlet ${SCRIPT}` },
    author: `<img src=x onerror=alert(1)>Ann`,
    title: `Dirty but real ${SCRIPT}<b>story</b>`,
    description: `<p onclick="x()">Desc</p>${SCRIPT}`,
    url: 'https://news.example/hostile/1',
    urlToImage: 'javascript:alert(1)',
    publishedAt: iso(NOW - 3_600_000),
    content: `<iframe src="javascript:alert(1)"></iframe>Body`,
    ...over,
  });
  return {
    status: 'ok',
    totalResults: 9,
    articles: [
      item({}),
      item({}), // duplicate
      item({
        url: 'https://news.example/hostile/2',
        urlToImage: 'data:image/svg+xml,<svg onload=alert(1)>',
      }),
      item({ url: 'javascript:alert(1)' }),
      item({ url: 'data:text/html,<script>alert(1)</script>' }),
      item({ url: 'https://news.example/1970', publishedAt: '1970-01-01T00:00:00Z' }),
      item({ url: 'https://news.example/2100', publishedAt: '2100-01-01T00:00:00Z' }),
      { title: 'missing url and source' },
      ...Array.from({ length: 5000 }, (_, i) => item({ url: `https://news.example/many/${i}` })),
    ],
  };
}

function guardianPage() {
  const item = (over: Record<string, unknown>) => ({
    id: 'world/hostile',
    webTitle: `Guardian ${SCRIPT}`,
    webUrl: 'https://www.theguardian.com/world/hostile',
    webPublicationDate: iso(NOW - 7_200_000),
    fields: {
      trailText: `<a href="javascript:alert(1)">x</a>${SCRIPT}`,
      thumbnail: 'javascript:alert(1)',
    },
    ...over,
  });
  return {
    response: {
      status: 'ok',
      total: 5,
      results: [
        item({}),
        item({}),
        item({ id: 'world/js', webUrl: 'javascript:alert(1)' }),
        item({
          id: 'world/old',
          webUrl: 'https://www.theguardian.com/old',
          webPublicationDate: '1970-01-01T00:00:00Z',
        }),
        { id: 'world/missing' },
      ],
    },
  };
}

function redditListing() {
  const post = (over: Record<string, unknown>) => ({
    kind: 't3',
    data: {
      id: 'h1',
      name: 't3_h1',
      title: `Reddit ${SCRIPT}`,
      permalink: '/r/news/comments/h1/x/',
      created_utc: Math.floor(NOW / 1000) - 600,
      subreddit: 'news',
      url: 'https://news.example/reddit/1',
      selftext: SCRIPT,
      author: 'someone',
      thumbnail: 'javascript:alert(1)',
      ...over,
    },
  });
  return {
    kind: 'Listing',
    data: {
      after: null,
      children: [
        post({}),
        post({}),
        post({
          id: 'h2',
          name: 't3_h2',
          url: 'data:text/html,x',
          permalink: '/r/news/comments/h2/x/',
        }),
        post({
          id: 'h3',
          name: 't3_h3',
          created_utc: 4_102_444_800,
          permalink: '/r/news/comments/h3/',
        }),
        { kind: 't3', data: { id: 'h4' } },
      ],
    },
  };
}

describe('hostile upstreams through the real clients', () => {
  const log = pino({ level: 'silent' });
  const clock = { now: () => new Date(NOW) };
  let server: Awaited<ReturnType<typeof hostileServer>>;
  let clients: [string, Provider][];
  before(async () => {
    server = await hostileServer();
    const options = { baseUrl: server.url, apiKey: 'k', timeoutMs: 5_000, clock, log };
    clients = [
      ['newsapi', createNewsApiClient(options)],
      ['guardian', createGuardianClient(options)],
    ];
  });
  after(() => server.close());

  const failure = async (client: Provider): Promise<ProviderError> => {
    const error = await client
      .search({ q: 'x', pageSize: 10 }, { signal: AbortSignal.timeout(9_000) })
      .then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  };

  it('refuses a 10 MB body at the cap, with and without a Content-Length', async () => {
    for (const chunked of [false, true]) {
      server.set((_, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(TEN_MB.length + 2) }),
        });
        res.end(`"${TEN_MB}"`);
      });
      for (const [name, client] of clients) {
        const error = await failure(client);
        assert.equal(error.kind, 'malformed_response', `${name} chunked=${chunked}`);
        assert.match(error.message, /larger than \d+ bytes/);
      }
    }
  });

  it('treats HTML where JSON belongs as a malformed response', async () => {
    server.set((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${SCRIPT}</body></html>`);
    });
    for (const [name, client] of clients) {
      assert.equal((await failure(client)).kind, 'malformed_response', name);
    }
  });
});

describe('the web app renders stored text as text', () => {
  it('never sets HTML from data (no dangerouslySetInnerHTML, innerHTML or outerHTML in web/src)', async () => {
    const root = path.resolve(import.meta.dirname, '../../web/src');
    const files = (await readdir(root, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    assert.ok(files.length > 0, 'the web app sources are there');
    for (const file of files) {
      const text = await readFile(path.join(root, file), 'utf8');
      assert.ok(
        !/dangerouslySetInnerHTML|\.(inner|outer)HTML\b|insertAdjacentHTML/.test(text),
        file,
      );
    }
  });
});

describe('a search over hostile upstreams stores nothing unsafe', () => {
  let database: TestDatabase;
  let t: TestApp;
  let www: Awaited<ReturnType<typeof hostileServer>>;
  let oauth: Awaited<ReturnType<typeof hostileServer>>;
  before(async () => {
    database = await createTestDatabase();
    www = await hostileServer();
    oauth = await hostileServer();
    www.set((path, res) => {
      if (path === '/api/v1/access_token') {
        return json(res, {
          access_token: 'tok',
          token_type: 'bearer',
          expires_in: 86400,
          scope: '*',
        });
      }
      return json(res, path.startsWith('/v2/') ? newsapiPage() : guardianPage());
    });
    oauth.set((_, res) => json(res, redditListing()));
    t = await createTestApp({
      DATABASE_URL: database.url,
      ...RELAXED_PROVIDER_LIMITS,
      ENRICHMENT_IN_API: 'false',
      SEARCH_DEADLINE_MS: '8000',
      PROVIDER_TIMEOUT_MS: '8000',
      NEWSAPI_KEY: 'k',
      NEWSAPI_BASE_URL: www.url,
      GUARDIAN_API_KEY: 'k',
      GUARDIAN_BASE_URL: www.url,
      REDDIT_CLIENT_ID: 'id',
      REDDIT_CLIENT_SECRET: 'secret',
      REDDIT_AUTH_BASE_URL: www.url,
      REDDIT_API_BASE_URL: oauth.url,
    });
  });
  after(async () => {
    await t.close();
    await database.drop();
    www.close();
    oauth.close();
  });

  it('keeps the usable stories, drops the rest, and stores only http(s) URLs and plain text', async () => {
    const res = await t.app.inject({ url: '/v1/search?q=hostile&limit=100' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      persisted: boolean;
      providers: { provider: string; status: string; count: number }[];
    }>();
    assert.equal(body.persisted, true);
    // NewsAPI sent 5,000 items: no more than were asked for are kept (they would swamp dedupe).
    assert.ok(
      body.providers.every((p) => p.count <= 100),
      JSON.stringify(body.providers),
    );
    assert.deepEqual(
      body.providers.map((p) => [p.provider, p.status]),
      [
        ['guardian', 'ok'],
        ['newsapi', 'ok'],
        ['reddit', 'ok'],
      ],
    );
    // URLs end up in href/src, where the web app's escaping does not help: http(s) only.
    assert.ok(!/"(javascript|data):/i.test(res.body), 'no javascript:/data: URL in the response');

    const articles = await database.db.selectFrom('articles').selectAll().execute();
    const sources = await database.db.selectFrom('article_sources').selectAll().execute();
    assert.ok(articles.length >= 3, `usable stories stored (${articles.length})`);
    const urls = [
      ...articles.flatMap((a) => [a.url, a.canonical_url, a.image_url]),
      ...sources.map((s) => s.provider_url),
    ].filter((u): u is string => u !== null);
    for (const url of urls) assert.match(url, /^https?:\/\/[^\s]+$/, url);
    // NewsAPI and the Guardian send HTML fragments, which the adapters reduce to text. Reddit
    // titles are plain text by definition ("Why <script> tags block rendering" is a real title),
    // kept as such; the web app renders every field as text (checked below), never as markup.
    const htmlFed = new Set(
      sources.filter((s) => s.provider !== 'reddit').map((s) => s.article_id),
    );
    const texts = [
      ...articles
        .filter((a) => htmlFed.has(a.id))
        .flatMap((a) => [a.title, a.description, a.content, a.author]),
      ...sources.filter((s) => s.provider !== 'reddit').map((s) => s.outlet),
    ].filter((x): x is string => x !== null);
    assert.ok(texts.length > 0);
    for (const text of texts) {
      assert.ok(!/<\s*(script|iframe|img)|onerror=|onclick=/i.test(text), `markup stored: ${text}`);
    }
    const years = articles.map((a) => new Date(a.published_at).getUTCFullYear());
    assert.ok(
      years.every((y) => y > 1970 && y < 2100),
      `implausible dates dropped: ${years.join()}`,
    );
    assert.equal(
      new Set(articles.map((a) => a.canonical_url)).size,
      articles.length,
      'duplicates stored once',
    );
  });
});
