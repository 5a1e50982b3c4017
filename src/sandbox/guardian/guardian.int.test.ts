import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import { startSandbox, type Sandbox } from '../sandbox.js';

const KEY = SANDBOX_CREDENTIALS.guardianKey;
const NOW = new Date('2026-03-14T12:00:00Z');

interface Content {
  id: string;
  sectionId: string;
  type: string;
  webTitle: string;
  webPublicationDate: string;
  webUrl: string;
  apiUrl: string;
  isHosted: boolean;
  pillarId?: string;
  fields?: Record<string, unknown>;
}

interface GuardianBody {
  message?: string;
  response: {
    status: string;
    message?: string;
    userTier: string;
    total: number;
    startIndex: number;
    pageSize: number;
    currentPage: number;
    pages: number;
    orderBy: string;
    results: Content[];
    content?: Content;
  };
}

describe('sandbox Guardian Content API', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ now: () => NOW, quotas: { guardianPerSecond: 1000 } });
  });
  after(() => sandbox.close());

  const search = async (params: Record<string, string>, key: string | null = KEY) => {
    const query = new URLSearchParams(params);
    if (key !== null) query.set('api-key', key);
    const res = await fetch(`${sandbox.baseUrls.guardian}/search?${query.toString()}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as GuardianBody };
  };

  describe('gateway', () => {
    it('answers a missing key with Kong’s flat 401 body', async () => {
      const { status, body } = await search({ q: 'climate' }, null);
      assert.equal(status, 401);
      assert.deepEqual(body, { message: 'No API key found in request' });
    });

    it('answers a wrong key with Kong’s invalid-credentials 401', async () => {
      const { status, body } = await search({ q: 'climate' }, 'test');
      assert.equal(status, 401);
      assert.deepEqual(body, { message: 'Invalid authentication credentials' });
    });
  });

  describe('/search', () => {
    it('wraps results in the response envelope with consistent paging fields', async () => {
      const { status, body } = await search({ 'page-size': '5', page: '2' });
      assert.equal(status, 200);
      const r = body.response;
      assert.equal(r.status, 'ok');
      assert.equal(r.userTier, 'developer');
      assert.equal(r.pageSize, 5);
      assert.equal(r.currentPage, 2);
      assert.equal(r.startIndex, 6);
      assert.equal(r.pages, Math.ceil(r.total / 5));
      assert.equal(r.orderBy, 'newest');
      assert.equal(r.results.length, 5);
      for (const item of r.results) {
        assert.match(item.webPublicationDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        assert.equal(item.webUrl, `https://www.theguardian.com/${item.id}`);
        assert.equal(item.apiUrl, `https://content.guardianapis.com/${item.id}`);
        assert.equal(typeof item.isHosted, 'boolean');
        assert.equal(item.fields, undefined);
      }
    });

    it('orders by relevance by default with q, newest without, and oldest on request', async () => {
      assert.equal((await search({ q: 'climate' })).body.response.orderBy, 'relevance');
      const oldest = (await search({ 'order-by': 'oldest', 'page-size': '50' })).body.response
        .results;
      const dates = oldest.map((c) => c.webPublicationDate);
      assert.deepEqual(dates, [...dates].sort());
    });

    it('uses OR between bare words and honours AND', async () => {
      const either = (await search({ q: 'climate football' })).body.response.total;
      const one = (await search({ q: 'climate' })).body.response.total;
      const both = (await search({ q: 'climate AND football' })).body.response.total;
      assert.ok(either > one, `${either} vs ${one}`);
      assert.ok(both < one);
    });

    it('includes fields only with show-fields, every value a string, some fields missing', async () => {
      const { body } = await search({ 'show-fields': 'all', 'page-size': '200' });
      const items = body.response.results;
      assert.equal(items.length, 200);
      for (const item of items) {
        assert.ok(item.fields);
        for (const value of Object.values(item.fields)) assert.equal(typeof value, 'string');
      }
      assert.ok(items.some((i) => i.fields?.thumbnail === undefined));
      assert.ok(
        items.some(
          (i) => typeof i.fields?.wordcount === 'string' && /^\d+$/.test(i.fields.wordcount),
        ),
      );
      assert.ok(
        items.some((i) =>
          /<strong>|&amp;|<p>/.test(String(i.fields?.trailText ?? i.fields?.standfirst)),
        ),
      );
      const some = await search({ 'show-fields': 'trailText,shortUrl', 'page-size': '3' });
      for (const item of some.body.response.results) {
        assert.ok(
          Object.keys(item.fields ?? {}).every((k) => k === 'trailText' || k === 'shortUrl'),
        );
      }
    });

    it('ends opinion titles with " | Author" and live blogs with " – live"', async () => {
      const opinion = (await search({ section: 'commentisfree', 'page-size': '50' })).body.response
        .results;
      assert.ok(
        opinion.length > 0 &&
          opinion.every((c) => / \| [^|]+$/.test(c.webTitle) || !c.webTitle.includes('|')),
      );
      assert.ok(opinion.some((c) => c.webTitle.includes(' | ')));
      assert.ok(opinion.every((c) => c.pillarId === 'pillar/opinion'));
      const all = (await search({ 'page-size': '200' })).body.response.results;
      assert.ok(all.some((c) => c.type === 'liveblog' && c.webTitle.endsWith(' – live')));
    });

    it('filters by date range (inclusive days) and by section with a NOT clause', async () => {
      const { body } = await search({
        'from-date': '2026-03-10',
        'to-date': '2026-03-11',
        'page-size': '50',
      });
      for (const item of body.response.results) {
        assert.ok(
          item.webPublicationDate >= '2026-03-10T00:00:00Z' &&
            item.webPublicationDate <= '2026-03-11T23:59:59Z',
        );
      }
      const notWorld = (await search({ section: '-world', 'page-size': '50' })).body.response
        .results;
      assert.ok(notWorld.every((c) => c.sectionId !== 'world'));
    });

    it('answers 400 in the envelope for bad dates and pages beyond the last', async () => {
      // An unencoded '+' arrives as a space, as it does upstream.
      const res = await fetch(
        `${sandbox.baseUrls.guardian}/search?api-key=${KEY}&from-date=2026-03-01T10:00:00+05:00`,
      );
      assert.equal(res.status, 400);
      const dates = (await res.json()) as GuardianBody;
      assert.equal(dates.response.status, 'error');
      assert.match(dates.response.message ?? '', /^Dates must be an ISO8601 date or datetime/);
      const ok = await search({ 'from-date': '2026-03-01T10:00:00+05:00' });
      assert.equal(ok.status, 200);
      const beyond = await search({ q: 'climate', page: '999' });
      assert.equal(beyond.status, 400);
      assert.deepEqual(beyond.body, {
        response: {
          status: 'error',
          message: 'requested page is beyond the number of available pages',
        },
      });
    });

    it('serves a single item by id and 404s in the envelope for unknown ids', async () => {
      const [first] = (await search({ 'page-size': '1' })).body.response.results;
      assert.ok(first);
      const res = await fetch(
        `${sandbox.baseUrls.guardian}/${first.id}?api-key=${KEY}&show-fields=headline`,
      );
      const body = (await res.json()) as GuardianBody;
      assert.equal(body.response.content?.id, first.id);
      assert.equal(typeof body.response.content?.fields?.headline, 'string');
      const missing = await fetch(
        `${sandbox.baseUrls.guardian}/world/2000/jan/01/nothing?api-key=${KEY}`,
      );
      assert.equal(missing.status, 404);
    });
  });
});

describe('sandbox Guardian quotas', () => {
  it('throttles past the per-second and per-day allowances with Kong’s 429', async () => {
    let now = Date.parse('2026-03-14T12:00:00.100Z');
    const sandbox = await startSandbox({
      now: () => new Date(now),
      quotas: { guardianPerSecond: 2, guardianPerDay: 3 },
    });
    try {
      const call = () => fetch(`${sandbox.baseUrls.guardian}/search?api-key=${KEY}`);
      const first = await call();
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('x-ratelimit-remaining-second'), '1');
      assert.equal((await call()).status, 200);
      const second = await call();
      assert.equal(second.status, 429);
      assert.deepEqual(await second.json(), { message: 'API rate limit exceeded' });
      now += 1000;
      assert.equal((await call()).status, 200);
      now += 1000;
      const day = await call();
      assert.equal(day.status, 429);
      assert.ok(Number(day.headers.get('retry-after')) > 1);
    } finally {
      await sandbox.close();
    }
  });
});
