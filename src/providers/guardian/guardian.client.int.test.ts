import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorFixtures, fixtureText } from './fixtures/fixtures.js';
import {
  failure,
  loopbackSetup,
  signal,
  transportFailureCases,
  warnsOnMalformedItems,
} from '../../../test/provider-client-cases.js';
import { reply, replyJson, type Answer } from '../../../test/upstream-server.js';
import { createGuardianClient } from './guardian.client.js';

const API_KEY = 'test-guardian-key-7d41a9c3';
// A quarter-second past the minute: "until the next second" is then 750 ms.
const clock = { now: () => new Date('2026-03-15T12:00:00.250Z') };
const SHOW_FIELDS = 'trailText,headline,byline,thumbnail,shortUrl,bodyText,lastModified,wordcount';
const search = { q: 'climate', pageSize: 10 };

/** A client against a fresh loopback upstream, with its log lines captured. */
const setup = loopbackSetup(createGuardianClient, API_KEY, clock);

function errorAnswer(name: string): Answer {
  const fixture = errorFixtures()[name];
  assert.ok(fixture, name);
  return replyJson(fixture.status, fixture.body, fixture.headers);
}

describe('Guardian client: requests', () => {
  it('searches /search by relevance with the rendered query, day dates, lang and a clamped page size', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('search.json')));
    const page = await client.search(
      {
        q: 'climate "sea ice" -arctic OR glaciers',
        from: new Date('2026-03-01T22:30:00Z'),
        to: new Date('2026-03-14T08:00:00Z'),
        language: 'en',
        pageSize: 100,
      },
      signal(),
    );
    assert.equal(upstream.requests.length, 1);
    const [request] = upstream.requests;
    assert.equal(request?.method, 'GET');
    assert.equal(request?.path, '/search');
    assert.deepEqual(Object.fromEntries(request?.query ?? []), {
      q: '(climate AND "sea ice" AND NOT arctic) OR glaciers',
      'from-date': '2026-03-01',
      'to-date': '2026-03-14',
      lang: 'en',
      'order-by': 'relevance',
      'page-size': '50',
      'show-fields': SHOW_FIELDS,
      'api-key': API_KEY,
    });
    assert.equal(page.totalResults, 2187);
    assert.equal(page.articles.length, 9);
    assert.ok(page.articles.every((a) => a.source.provider === 'guardian'));
  });

  it('sends the key as the api-key query parameter and in no header', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('search-empty.json')));
    await client.search(search, signal());
    const [request] = upstream.requests;
    assert.equal(request?.query.get('api-key'), API_KEY);
    assert.ok(!Object.values(request?.headers ?? {}).some((v) => String(v).includes(API_KEY)));
  });

  it('orders by newest and sends no q when the query has no searchable terms', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('search-empty.json')));
    await client.search({ q: '-sport', pageSize: 5 }, signal());
    const query = upstream.requests[0]?.query;
    assert.equal(query?.has('q'), false);
    assert.equal(query?.get('order-by'), 'newest');
  });

  it('lists newest content for top, without q', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('search.json')));
    const page = await client.top({ pageSize: 20 }, signal());
    assert.equal(upstream.requests[0]?.path, '/search');
    assert.deepEqual(Object.fromEntries(upstream.requests[0]?.query ?? []), {
      'order-by': 'newest',
      'page-size': '20',
      'show-fields': SHOW_FIELDS,
      'api-key': API_KEY,
    });
    assert.equal(page.articles.length, 9);
  });

  it('filters top by lang when a language is given', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('search-empty.json')));
    await client.top({ language: 'fr', pageSize: 0 }, signal());
    assert.equal(upstream.requests[0]?.query.get('lang'), 'fr');
    assert.equal(upstream.requests[0]?.query.get('page-size'), '1');
  });

  it('returns an empty page for "ok" with no results', async () => {
    const { client } = await setup(reply(200, fixtureText('search-empty.json')));
    assert.deepEqual(await client.search(search, signal()), { articles: [], totalResults: 0 });
  });

  it('treats "requested page is beyond the number of available pages" as an empty page', async () => {
    const { client } = await setup(errorAnswer('pageBeyondAvailable'));
    assert.deepEqual(await client.search(search, signal()), { articles: [], totalResults: 0 });
  });
});

describe('Guardian client: error shapes', () => {
  const expected: Record<string, { kind: string; retryable: boolean; retryAfterMs?: number }> = {
    pagingTooFar: { kind: 'bad_request', retryable: false },
    invalidDate: { kind: 'bad_request', retryable: false },
    notFound: { kind: 'not_found', retryable: false },
    expired: { kind: 'not_found', retryable: false },
    gatewayNoKey: { kind: 'auth', retryable: false },
    gatewayInvalidKey: { kind: 'auth', retryable: false },
    gatewayUnauthorized: { kind: 'auth', retryable: false },
    gatewayForbidden: { kind: 'auth', retryable: false },
    gatewayRateLimited: { kind: 'rate_limited', retryable: true, retryAfterMs: 750 },
    gatewayRateLimitedRetryAfter: { kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 },
    // Until 00:00 UTC on the next day.
    gatewayQuotaExhausted: {
      kind: 'quota_exhausted',
      retryable: false,
      retryAfterMs: 12 * 3_600_000 - 250,
    },
  };

  for (const [name, fixture] of Object.entries(errorFixtures())) {
    if (name === 'pageBeyondAvailable') continue;
    const want = expected[name];
    it(`maps ${name} (HTTP ${fixture.status}) to ${want?.kind ?? '?'}`, async () => {
      const { client } = await setup(errorAnswer(name));
      const error = await failure(client.search(search, signal()));
      const message =
        'response' in fixture.body ? fixture.body.response.message : fixture.body.message;
      assert.equal(error.provider, 'guardian');
      assert.equal(error.kind, want?.kind);
      assert.equal(error.retryable, want?.retryable);
      assert.equal(error.status, fixture.status);
      assert.equal(error.retryAfterMs, want?.retryAfterMs);
      assert.equal(error.message, `Guardian HTTP ${fixture.status}: ${message}`);
    });
  }

  for (const status of [408, 500, 503, 504, 509]) {
    it(`maps HTTP ${status} with an HTML page to a retryable unavailable`, async () => {
      const { client } = await setup(reply(status, fixtureText('fastly-503.html'), 'text/html'));
      const error = await failure(client.search(search, signal()));
      assert.deepEqual([error.kind, error.retryable, error.status], ['unavailable', true, status]);
      assert.equal(error.message, `Guardian HTTP ${status} with a non-JSON body`);
    });
  }

  it('maps a 502 with an empty body to unavailable', async () => {
    const { client } = await setup(reply(502, ''));
    const error = await failure(client.top({ pageSize: 5 }, signal()));
    assert.deepEqual([error.kind, error.retryable], ['unavailable', true]);
  });

  it('maps an error envelope sent with HTTP 200 to bad_request', async () => {
    const body = { response: { status: 'error', message: 'Something about your query' } };
    const { client } = await setup(replyJson(200, body));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'bad_request');
  });

  it('maps a 200 HTML page to malformed_response', async () => {
    const { client } = await setup(reply(200, '<html><body>Sign in</body></html>', 'text/html'));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryable], ['malformed_response', false]);
  });

  it('maps a 200 with truncated JSON to malformed_response', async () => {
    const { client } = await setup(reply(200, fixtureText('search.json').slice(0, 400)));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
  });

  it('maps a 200 without response.total to malformed_response naming the field', async () => {
    const { client } = await setup(replyJson(200, { response: { status: 'ok', results: [] } }));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
    assert.match(error.message, /total/);
  });

  it('maps a 200 whose results all have the wrong shape to malformed_response', async () => {
    const body = { response: { status: 'ok', total: 2, results: [{ title: 'x' }, null] } };
    const { client } = await setup(replyJson(200, body));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
  });

  transportFailureCases(setup, search, fixtureText('search.json'));
});

describe('Guardian client: secrecy', () => {
  it('never puts the key in error messages or log lines, even when the gateway echoes it', async () => {
    const { client, logLines } = await setup(
      replyJson(401, { message: `Invalid authentication credentials for ${API_KEY}` }),
    );
    const error = await failure(client.search(search, signal()));
    assert.equal(
      error.message,
      'Guardian HTTP 401: Invalid authentication credentials for [redacted]',
    );
    assert.ok(logLines.length > 0);
    assert.ok(logLines.every((line) => !line.includes(API_KEY)));
  });

  it('logs successful and failed calls without the key in the logged query', async () => {
    const { client, upstream, logLines } = await setup(reply(200, fixtureText('search.json')));
    await client.search(search, signal());
    await upstream.close();
    await failure(client.top({ pageSize: 5 }, signal()));
    assert.ok(logLines.some((line) => line.includes('"params":"q=climate&order-by=relevance')));
    assert.ok(logLines.some((line) => line.includes('Upstream call failed')));
    assert.ok(logLines.every((line) => !line.includes(API_KEY) && !line.includes('api-key')));
  });

  warnsOnMalformedItems(setup, search, reply(200, fixtureText('search.json')));
});
