import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderError } from '../provider-error.js';
import type { Reply } from './fixtures/fake-reddit.js';
import { fixture, fixtureText } from './fixtures/index.js';
import {
  client,
  fake,
  issueAppTokens,
  rejectsWith,
  search,
  useFakeReddit,
} from './fixtures/client-harness.js';

/** How the Reddit client maps API and token endpoint failures to ProviderErrors. */

useFakeReddit();

describe('Reddit client: API error shapes', () => {
  const cases: Array<[string, Reply, Partial<ProviderError>]> = [
    [
      'a 503 HTML page',
      { status: 503, text: fixtureText('error-503.html') },
      { kind: 'unavailable', status: 503 },
    ],
    [
      "Cloudflare's 522",
      { status: 522, text: fixtureText('error-522.html') },
      { kind: 'unavailable', status: 522 },
    ],
    [
      'a 403 insufficient_scope',
      {
        status: 403,
        json: fixture('error-403-scope.json'),
        headers: { 'www-authenticate': 'Bearer realm="reddit", error="insufficient_scope"' },
      },
      { kind: 'auth', upstreamCode: 'insufficient_scope', retryable: false },
    ],
    [
      'a 403 HTML block page',
      { status: 403, text: fixtureText('error-403-blocked.html') },
      { kind: 'auth', upstreamCode: 'forbidden' },
    ],
    [
      'a 403 private subreddit',
      { status: 403, json: fixture('error-403-private.json') },
      { kind: 'not_found', upstreamCode: 'private' },
    ],
    ['a 404', { status: 404, json: fixture('error-404.json') }, { kind: 'not_found', status: 404 }],
    [
      'a 302 to subreddit search',
      { status: 302, headers: { location: '/subreddits/search?q=nosuchsub' } },
      { kind: 'not_found', status: 302 },
    ],
    [
      'a 302 to the login page',
      { status: 302, headers: { location: 'https://www.reddit.com/login/?dest=x' } },
      { kind: 'bad_request', status: 302 },
    ],
    [
      'a 200 HTML page',
      { status: 200, text: '<html>maintenance</html>' },
      { kind: 'malformed_response' },
    ],
    [
      'a 200 with a non-listing body',
      { json: { kind: 'Listing', data: {} } },
      { kind: 'malformed_response' },
    ],
  ];
  for (const [name, reply, expected] of cases) {
    it(`maps ${name} to ${String(expected.kind)}, with one call and no retry`, async () => {
      issueAppTokens();
      fake.route('oauth', '/search', () => reply);
      await rejectsWith(search(client()), expected);
      assert.equal(fake.calls('oauth', '/search').length, 1);
    });
  }
});

describe('Reddit client: token endpoint errors', () => {
  const cases: Array<[string, Reply, Partial<ProviderError>]> = [
    [
      'a 401 for a wrong client secret',
      { status: 401, json: fixture('token-error-401.json') },
      { kind: 'auth', status: 401, upstreamCode: 'invalid_client' },
    ],
    [
      'a 200 with a numeric error 401',
      { json: fixture('token-error-401.json') },
      { kind: 'auth', upstreamCode: 'invalid_client' },
    ],
    [
      'a 200 with unauthorized_client',
      { json: fixture('token-error-unauthorized-client.json') },
      { kind: 'auth', status: 200, upstreamCode: 'unauthorized_client' },
    ],
    [
      'a 200 with unsupported_grant_type',
      { json: fixture('token-error-unsupported-grant.json') },
      { kind: 'bad_request', upstreamCode: 'unsupported_grant_type' },
    ],
    [
      'a 429',
      { status: 429, json: fixture('token-error-429.json'), headers: { 'retry-after': '12' } },
      { kind: 'rate_limited', retryAfterMs: 12_000 },
    ],
    [
      'a 200 without an access token',
      { json: { token_type: 'bearer', expires_in: 3600 } },
      { kind: 'malformed_response' },
    ],
  ];
  for (const [name, reply, expected] of cases) {
    it(`maps ${name} from the token endpoint to ${String(expected.kind)}`, async () => {
      fake.route('www', '/api/v1/access_token', () => reply);
      await rejectsWith(search(client()), expected);
      assert.equal(fake.calls('oauth', '/search').length, 0);
    });
  }
});
