import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { startSandbox, type Sandbox } from '../sandbox.js';

const KEY = SANDBOX_CREDENTIALS.newsapiKey;

interface Article {
  source: { id: string | null; name: string };
  author: string | null;
  title: string;
  description: string | null;
  url: string;
  urlToImage: string | null;
  publishedAt: string;
  content: string | null;
}

interface NewsapiBody {
  status: string;
  code?: string;
  message?: string;
  totalResults: number;
  articles: Article[];
  sources: Record<string, unknown>[];
}
const NOW = new Date('2026-03-14T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

describe('sandbox NewsAPI', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ now: () => NOW, quotas: { newsapiPerDay: 1000 } });
  });
  after(() => sandbox.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sandbox.baseUrls.newsapi}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as NewsapiBody };
  };

  describe('authentication', () => {
    it('accepts the key as apiKey, X-Api-Key, Authorization and Authorization: Bearer', async () => {
      const q = '/v2/everything?q=climate&pageSize=1';
      for (const [path, headers] of [
        [`${q}&apiKey=${KEY}`, {}],
        [q, { 'X-Api-Key': KEY }],
        [q, { Authorization: KEY }],
        [q, { Authorization: `Bearer ${KEY}` }],
      ] as const) {
        const { status, body } = await get(path, headers);
        assert.equal(status, 200, JSON.stringify(headers));
        assert.equal(body.status, 'ok');
      }
    });

    it('answers 401 apiKeyMissing without a key, and for a wrongly cased apiKey parameter', async () => {
      for (const path of ['/v2/everything?q=x', `/v2/everything?q=x&apikey=${KEY}`]) {
        const { status, body } = await get(path);
        assert.equal(status, 401);
        assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'status']);
        assert.equal(body.status, 'error');
        assert.equal(body.code, 'apiKeyMissing');
        assert.match(body.message ?? '', /^Your API key is missing\./);
      }
    });

    it('answers 401 apiKeyInvalid with the real message for a wrong key', async () => {
      const { status, body } = await get('/v2/top-headlines?country=us', { 'X-Api-Key': 'nope' });
      assert.equal(status, 401);
      assert.deepEqual(body, {
        status: 'error',
        code: 'apiKeyInvalid',
        message:
          'Your API key is invalid or incorrect. Check your key, or go to https://newsapi.org to create a free API key.',
      });
    });

    it('refuses non-localhost browser origins with 426 corsNotAllowed', async () => {
      const denied = await get('/v2/everything?q=x', {
        'X-Api-Key': KEY,
        Origin: 'https://news.example.com',
      });
      assert.equal(denied.status, 426);
      assert.equal(denied.body.code, 'corsNotAllowed');
      const local = await get('/v2/everything?q=x', {
        'X-Api-Key': KEY,
        Origin: 'http://localhost:5173',
      });
      assert.equal(local.status, 200);
    });
  });

  describe('parameters and paging', () => {
    const headers = { 'X-Api-Key': KEY };

    it('answers 400 parametersMissing with each endpoint’s own message', async () => {
      const everything = await get('/v2/everything?language=en', headers);
      assert.equal(everything.status, 400);
      assert.equal(everything.body.code, 'parametersMissing');
      assert.match(everything.body.message ?? '', /q, qInTitle, sources, domains\.$/);
      const top = await get('/v2/top-headlines', headers);
      assert.equal(top.status, 400);
      assert.match(top.body.message ?? '', /sources, q, language, country, category\.$/);
    });

    it('caps a query at 100 results with 426 maximumResultsReached', async () => {
      const ok = await get('/v2/everything?q=the&pageSize=50&page=2', headers);
      assert.equal(ok.status, 200);
      const { status, body } = await get('/v2/everything?q=the&pageSize=100&page=2', headers);
      assert.equal(status, 426);
      assert.equal(body.code, 'maximumResultsReached');
      assert.match(body.message ?? '', /results 100 to 200\./);
      assert.equal(body.totalResults, undefined);
    });

    it('reports totalResults beyond what can be fetched, 100 per page by default', async () => {
      const { body } = await get('/v2/everything?q=the', headers);
      assert.ok(body.totalResults > 100, `totalResults ${body.totalResults}`);
      assert.equal(body.articles.length, 100);
      const top = await get('/v2/top-headlines?country=us', headers);
      assert.equal(top.body.articles.length, 20);
    });

    it('rejects more than 20 sources and mixing sources with country', async () => {
      const many = Array.from({ length: 21 }, (_, i) => `s${i}`).join(',');
      assert.equal(
        (await get(`/v2/everything?sources=${many}`, headers)).body.code,
        'sourcesTooMany',
      );
      const mixed = await get('/v2/top-headlines?sources=bbc-news&country=us', headers);
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.code, 'parameterInvalid');
    });

    it('refuses dates further back than the plan’s month with parameterInvalid', async () => {
      const { status, body } = await get('/v2/everything?q=the&from=2026-01-01', headers);
      assert.equal(status, 400);
      assert.equal(body.code, 'parameterInvalid');
      assert.match(
        body.message ?? '',
        /as far back as 2026-02-12, but you have requested 2026-01-01/,
      );
    });

    it('filters by language, source and date and sorts newest first by default', async () => {
      const { body } = await get('/v2/everything?q=die&language=de&from=2026-03-01', headers);
      assert.ok(body.totalResults > 0);
      const dates = body.articles
        .filter((a: { title: string }) => a.title !== '[Removed]')
        .map((a: { publishedAt: string }) =>
          Date.parse(a.publishedAt.replace(/(\.\d{3})\d+/, '$1')),
        );
      assert.ok(
        dates.every(
          (d: number, i: number) =>
            d >= Date.parse('2026-03-01') && (i === 0 || d <= (dates[i - 1] ?? d)),
        ),
      );
      const bbc = await get('/v2/everything?sources=bbc-news', headers);
      assert.ok(
        bbc.body.articles.every((a: { source: { name: string } }) =>
          ['BBC News', '[Removed]'].includes(a.source.name),
        ),
      );
    });

    it('lists sources (all string values) at both catalogue paths', async () => {
      for (const path of ['/v2/top-headlines/sources?language=en', '/v2/sources?language=en']) {
        const { status, body } = await get(path, headers);
        assert.equal(status, 200);
        assert.ok(body.sources.some((s) => s.id === 'bbc-news'));
        for (const source of body.sources)
          for (const value of Object.values(source)) assert.equal(typeof value, 'string');
      }
    });
  });

  describe('article quirks', () => {
    it('serves removed rows, nulls, truncated content, entities, odd dates and variant URLs', async () => {
      const articles: Article[] = [];
      // Half-day windows over the plan's month reach (nearly) every English row.
      for (let end = NOW.getTime(); end > NOW.getTime() - 30 * 86_400_000; end -= 43_200_000) {
        const window = `from=${iso(end - 43_200_000)}&to=${iso(end - 1000)}`;
        const { body } = await get(`/v2/everything?q=the&pageSize=100&${window}`, {
          'X-Api-Key': KEY,
        });
        articles.push(...body.articles);
      }
      const removed = articles.find((a) => a.title === '[Removed]');
      assert.deepEqual(removed?.source, { id: null, name: '[Removed]' });
      assert.equal(removed?.url, 'https://removed.com');
      for (const field of ['author', 'description', 'urlToImage', 'content'] as const) {
        assert.ok(
          articles.some((a) => a[field] === null && a.title !== '[Removed]'),
          `${field} null`,
        );
      }
      assert.ok(articles.some((a) => a.source.id === null && a.title !== '[Removed]'));
      assert.ok(articles.some((a) => /… \[\+\d+ chars\]$/.test(a.content ?? '')));
      assert.ok(articles.some((a) => /&amp;|&#8217;|&quot;/.test(a.description ?? '')));
      assert.ok(articles.some((a) => /<(p|ul|li)>/.test(a.description ?? '')));
      assert.ok(articles.some((a) => /\.\d{7}Z$/.test(a.publishedAt)));
      assert.ok(articles.some((a) => a.publishedAt.endsWith('+00:00')));
      assert.ok(articles.some((a) => /[?&](utm_|CMP=|ocid=|fbclid=)/.test(a.url)));
      assert.ok(articles.some((a) => /amp\.|\/amp\/|\.amp$|outputType=amp/.test(a.url)));
      assert.ok(articles.some((a) => a.url.startsWith('https://news.google.com/rss/articles/')));
      assert.ok(articles.some((a) => a.urlToImage?.startsWith('http://')));
    });

    it('mostly suffixes top-headline titles with " - Outlet"', async () => {
      const { body } = await get('/v2/top-headlines?country=us&pageSize=100', { 'X-Api-Key': KEY });
      const suffixed = body.articles.filter((a: { title: string; source: { name: string } }) =>
        a.title.endsWith(` - ${a.source.name}`),
      );
      assert.ok(
        suffixed.length > body.articles.length / 2,
        `${suffixed.length}/${body.articles.length}`,
      );
    });
  });
});

describe('sandbox NewsAPI quota', () => {
  it('answers 429 rateLimited once the daily allowance is spent', async () => {
    const sandbox = await startSandbox({ now: () => NOW, quotas: { newsapiPerDay: 2 } });
    try {
      const call = () =>
        fetch(`${sandbox.baseUrls.newsapi}/v2/top-headlines?country=us`, {
          headers: { 'X-Api-Key': KEY },
        });
      assert.equal((await call()).status, 200);
      assert.equal((await call()).status, 200);
      const res = await call();
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), null);
      const body = (await res.json()) as NewsapiBody;
      assert.equal(body.code, 'rateLimited');
      assert.match(
        body.message ?? '',
        /Developer accounts are limited to 100 requests over a 24 hour period/,
      );
    } finally {
      await sandbox.close();
    }
  });
});
