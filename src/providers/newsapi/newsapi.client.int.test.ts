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
import { reply, replyJson } from '../../../test/upstream-server.js';
import { createNewsApiClient } from './newsapi.client.js';

const API_KEY = 'test-newsapi-key-5f0c2b9e';
const clock = { now: () => new Date('2026-03-15T12:00:00Z') };
const search = { q: 'climate "sea ice" -arctic', pageSize: 20 };

/** A client against a fresh loopback upstream, with its log lines captured. */
const setup = loopbackSetup(createNewsApiClient, API_KEY, clock);

describe('NewsAPI client: requests', () => {
  it('searches /v2/everything with the rendered query, dates, language and a clamped page size', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('everything.json')));
    const page = await client.search(
      {
        q: 'climate "sea ice" -arctic OR glaciers',
        from: new Date('2026-03-01T10:00:00.250Z'),
        to: new Date('2026-03-14T23:59:59Z'),
        language: 'EN',
        pageSize: 250,
      },
      signal(),
    );
    const [request] = upstream.requests;
    assert.equal(upstream.requests.length, 1);
    assert.equal(request?.method, 'GET');
    assert.equal(request?.path, '/v2/everything');
    assert.deepEqual(Object.fromEntries(request?.query ?? []), {
      q: '(climate AND "sea ice" AND NOT arctic) OR glaciers',
      from: '2026-03-01T10:00:00Z',
      to: '2026-03-14T23:59:59Z',
      language: 'en',
      sortBy: 'publishedAt',
      pageSize: '100',
      page: '1',
    });
    assert.equal(page.totalResults, 1427);
    assert.equal(page.articles.length, 9);
    assert.ok(page.articles.every((a) => a.language === 'en' && a.source.provider === 'newsapi'));
  });

  it('sends the key only in the X-Api-Key header, never in the URL', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('empty.json')));
    await client.search(search, signal());
    const [request] = upstream.requests;
    assert.equal(request?.headers['x-api-key'], API_KEY);
    assert.equal(request?.headers.authorization, undefined);
    assert.ok(!request?.rawUrl.includes(API_KEY));
  });

  it('omits language when none is asked for and leaves drafts without one', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('everything.json')));
    const page = await client.search({ q: 'climate', pageSize: 10 }, signal());
    assert.deepEqual(Object.fromEntries(upstream.requests[0]?.query ?? []), {
      q: 'climate',
      sortBy: 'publishedAt',
      pageSize: '10',
      page: '1',
    });
    assert.ok(page.articles.every((a) => a.language === null));
  });

  it('asks /v2/top-headlines for the US edition when no language is given', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('top-headlines.json')));
    const page = await client.top({ pageSize: 20 }, signal());
    assert.equal(upstream.requests[0]?.path, '/v2/top-headlines');
    assert.deepEqual(Object.fromEntries(upstream.requests[0]?.query ?? []), {
      country: 'us',
      pageSize: '20',
    });
    assert.equal(page.totalResults, 38);
    assert.deepEqual(
      page.articles.map((a) => a.title),
      [
        'Earth had its hottest February on record, European climate agency says',
        'EPA moves to roll back power plant rules',
        'Spring storm to bring snow to the Rockies - Fox News Channel',
      ],
    );
  });

  it('asks /v2/top-headlines by language instead of country when one is given', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('top-headlines.json')));
    await client.top({ language: 'en', pageSize: 500 }, signal());
    assert.deepEqual(Object.fromEntries(upstream.requests[0]?.query ?? []), {
      language: 'en',
      pageSize: '100',
    });
  });

  it('refuses a query with no searchable terms without calling NewsAPI', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('empty.json')));
    const error = await failure(client.search({ q: '-sport', pageSize: 10 }, signal()));
    assert.equal(error.kind, 'bad_request');
    assert.equal(error.retryable, false);
    assert.equal(upstream.requests.length, 0);
  });

  it('refuses a query longer than NewsAPI accepts without calling it', async () => {
    const { client, upstream } = await setup(reply(200, fixtureText('empty.json')));
    const error = await failure(client.search({ q: 'word '.repeat(120), pageSize: 10 }, signal()));
    assert.equal(error.kind, 'bad_request');
    assert.equal(upstream.requests.length, 0);
  });

  it('returns an empty page for no results', async () => {
    const { client } = await setup(reply(200, fixtureText('empty.json')));
    assert.deepEqual(await client.search(search, signal()), { articles: [], totalResults: 0 });
  });
});

describe('NewsAPI client: error shapes', () => {
  const expected: Record<string, { kind: string; retryable: boolean; retryAfterMs?: number }> = {
    apiKeyMissing: { kind: 'auth', retryable: false },
    apiKeyInvalid: { kind: 'auth', retryable: false },
    apiKeyDisabled: { kind: 'auth', retryable: false },
    apiKeyExhausted: { kind: 'quota_exhausted', retryable: false, retryAfterMs: 12 * 3_600_000 },
    rateLimited: { kind: 'rate_limited', retryable: true, retryAfterMs: 3_600_000 },
    parametersMissing: { kind: 'bad_request', retryable: false },
    parameterInvalid: { kind: 'bad_request', retryable: false },
    sourcesTooMany: { kind: 'bad_request', retryable: false },
    sourceDoesNotExist: { kind: 'bad_request', retryable: false },
    maximumResultsReached: { kind: 'results_cap', retryable: false },
    corsNotAllowed: { kind: 'auth', retryable: false },
    unexpectedError: { kind: 'unavailable', retryable: true },
  };
  const fixtures = errorFixtures();
  assert.deepEqual(Object.keys(fixtures).sort(), Object.keys(expected).sort());

  for (const [code, fixture] of Object.entries(fixtures)) {
    const want = expected[code];
    it(`maps ${code} (HTTP ${fixture.status}) to ${want?.kind ?? '?'}`, async () => {
      const { client } = await setup(replyJson(fixture.status, fixture.body));
      const error = await failure(client.search(search, signal()));
      assert.equal(error.provider, 'newsapi');
      assert.equal(error.kind, want?.kind);
      assert.equal(error.retryable, want?.retryable);
      assert.equal(error.status, fixture.status);
      assert.equal(error.upstreamCode, code);
      assert.equal(error.retryAfterMs, want?.retryAfterMs);
      assert.match(error.message, new RegExp(code));
    });
  }

  it('maps a Cloudflare HTML 502 page to unavailable', async () => {
    const { client } = await setup(reply(502, fixtureText('cloudflare-502.html'), 'text/html'));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryable, error.status], ['unavailable', true, 502]);
    assert.equal(error.message, 'NewsAPI HTTP 502 with a non-JSON body');
  });

  it('maps a 503 with an empty body to unavailable', async () => {
    const { client } = await setup(reply(503, ''));
    const error = await failure(client.top({ pageSize: 5 }, signal()));
    assert.deepEqual([error.kind, error.retryable, error.status], ['unavailable', true, 503]);
  });

  it('falls back on the status for a 429 without NewsAPI body', async () => {
    const { client } = await setup(reply(429, 'Too Many Requests', 'text/plain'));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryAfterMs], ['rate_limited', 3_600_000]);
  });

  it('maps an error envelope sent with HTTP 200 by its code', async () => {
    const { client } = await setup(replyJson(200, errorFixtures().apiKeyInvalid?.body));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.upstreamCode], ['auth', 'apiKeyInvalid']);
  });

  it('maps a 200 HTML page to malformed_response', async () => {
    const { client } = await setup(reply(200, '<html><body>Hello</body></html>', 'text/html'));
    const error = await failure(client.search(search, signal()));
    assert.deepEqual([error.kind, error.retryable], ['malformed_response', false]);
  });

  it('maps a 200 with malformed JSON to malformed_response', async () => {
    const { client } = await setup(reply(200, '{"status":"ok","totalResults":3,"articles":[{'));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
  });

  it('maps a 200 missing totalResults to malformed_response naming the field', async () => {
    const { client } = await setup(replyJson(200, { status: 'ok', articles: [] }));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
    assert.match(error.message, /totalResults/);
  });

  it('maps a 200 whose articles all have the wrong shape to malformed_response', async () => {
    const { client } = await setup(
      replyJson(200, { status: 'ok', totalResults: 2, articles: [{ headline: 'x' }, 7] }),
    );
    const error = await failure(client.search(search, signal()));
    assert.equal(error.kind, 'malformed_response');
  });

  transportFailureCases(setup, search, fixtureText('everything.json'));
});

describe('NewsAPI client: secrecy', () => {
  it('never puts the key in error messages or log lines, even when NewsAPI echoes it', async () => {
    const echo = { status: 'error', code: 'apiKeyInvalid', message: `Key ${API_KEY} is invalid.` };
    const { client, logLines } = await setup(replyJson(401, echo));
    const error = await failure(client.search(search, signal()));
    assert.equal(error.message, 'NewsAPI apiKeyInvalid: Key [redacted] is invalid.');
    assert.ok(logLines.length > 0);
    assert.ok(logLines.every((line) => !line.includes(API_KEY)));
  });

  it('logs a successful call without the key', async () => {
    const { client, logLines } = await setup(reply(200, fixtureText('everything.json')));
    await client.search(search, signal());
    assert.ok(logLines.some((line) => line.includes('"endpoint":"/v2/everything"')));
    assert.ok(logLines.every((line) => !line.includes(API_KEY)));
  });

  warnsOnMalformedItems(setup, search, reply(200, fixtureText('everything.json')));
});
