import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ArticleDraft } from '../../articles/article.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { failure, sandboxFaultCases, signal } from '../../../test/provider-client-cases.js';
import type { Provider } from '../provider.js';
import { createNewsApiClient } from './newsapi.client.js';

/** The NewsAPI client against the sandbox that emulates NewsAPI: both must agree on the wire. */

const clock = { now: () => new Date() };
let sandbox: Sandbox;

function client(apiKey: string = SANDBOX_CREDENTIALS.newsapiKey, timeoutMs = 5_000): Provider {
  const log = pino({ level: 'silent' });
  return createNewsApiClient({ baseUrl: sandbox.baseUrls.newsapi, apiKey, timeoutMs, clock, log });
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

  sandboxFaultCases({
    upstream: 'newsapi',
    sandbox: () => sandbox,
    client: (timeoutMs) => client(undefined, timeoutMs),
    retryAfterSeconds: 60,
  });
});
