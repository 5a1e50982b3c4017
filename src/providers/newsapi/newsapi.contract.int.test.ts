import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ArticleDraft } from '../../articles/article.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { startSandbox, type Faults, type Sandbox } from '../../sandbox/sandbox.js';
import type { Provider } from '../provider.js';
import { ProviderError, type ProviderErrorKind } from '../provider-error.js';
import { createNewsApiClient } from './newsapi.client.js';

/** The NewsAPI client against the sandbox that emulates NewsAPI: both must agree on the wire. */

const clock = { now: () => new Date() };
const signal = () => ({ signal: new AbortController().signal });
let sandbox: Sandbox;

function client(apiKey: string = SANDBOX_CREDENTIALS.newsapiKey, timeoutMs = 5_000): Provider {
  const log = pino({ level: 'silent' });
  return createNewsApiClient({ baseUrl: sandbox.baseUrls.newsapi, apiKey, timeoutMs, clock, log });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** What every NewsAPI draft must look like, whatever the story. */
function assertValidDraft(draft: ArticleDraft): void {
  assert.match(draft.canonicalUrl, /^https:\/\//);
  assert.equal(draft.source.providerId, draft.canonicalUrl);
  assert.equal(draft.source.provider, 'newsapi');
  assert.ok(draft.title.length > 0 && draft.title !== '[Removed]');
  assert.ok(draft.source.outlet === null || !draft.title.endsWith(` - ${draft.source.outlet}`));
  assert.ok(!/\[\+\d+ chars\]/.test(draft.content ?? ''));
  assert.ok(!Number.isNaN(draft.publishedAt.getTime()));
  assert.ok(draft.publishedAt.getTime() <= Date.now() + 86_400_000);
  assert.ok(draft.imageUrl === null || /^https?:\/\//.test(draft.imageUrl));
}

before(async () => {
  sandbox = await startSandbox();
});
after(async () => {
  await sandbox.close();
});
afterEach(() => sandbox.faults.reset());

describe('NewsAPI client against the sandbox', () => {
  it('finds valid articles for a common topic', async () => {
    const page = await client().search({ q: 'climate', language: 'en', pageSize: 20 }, signal());
    assert.ok(page.articles.length > 0);
    assert.ok((page.totalResults ?? 0) >= page.articles.length);
    for (const draft of page.articles) {
      assertValidDraft(draft);
      assert.equal(draft.language, 'en');
    }
  });

  it('lists valid top headlines', async () => {
    const page = await client().top({ pageSize: 10 }, signal());
    assert.ok(page.articles.length > 0 && page.articles.length <= 10);
    page.articles.forEach(assertValidDraft);
  });

  it('reports a wrong key as a non-retryable auth error', async () => {
    const error = await failure(
      client('not-the-key').search({ q: 'climate', pageSize: 5 }, signal()),
    );
    assert.deepEqual(
      [error.kind, error.retryable, error.status, error.upstreamCode],
      ['auth', false, 401, 'apiKeyInvalid'],
    );
    assert.ok(!error.message.includes('not-the-key'));
  });

  const faults: [string, Faults, ProviderErrorKind][] = [
    ['a throttled key', { rateLimited: { retryAfterSeconds: 60 } }, 'rate_limited'],
    ['a server error', { errorRate: 1 }, 'unavailable'],
    ['malformed JSON', { malformedJson: true }, 'malformed_response'],
    ['a wrong-shape body', { wrongShape: true }, 'malformed_response'],
    ['a truncated body', { truncatedBody: true }, 'malformed_response'],
    ['a reset connection', { reset: true }, 'unavailable'],
  ];
  for (const [name, fault, kind] of faults) {
    it(`maps ${name} to ${kind}`, async () => {
      sandbox.faults.set('newsapi', fault);
      const error = await failure(client().search({ q: 'climate', pageSize: 5 }, signal()));
      assert.equal(error.kind, kind);
    });
  }

  it('times out when the sandbox stalls', async () => {
    sandbox.faults.set('newsapi', { stall: true });
    const error = await failure(client(undefined, 200).top({ pageSize: 5 }, signal()));
    assert.deepEqual([error.kind, error.retryable], ['timeout', true]);
  });
});
