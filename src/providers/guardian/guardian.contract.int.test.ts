import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { ArticleDraft } from '../../articles/article.js';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials.js';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { failure, sandboxFaultCases, signal } from '../../../test/provider-client-cases.js';
import type { Provider } from '../provider.js';
import { ProviderError } from '../provider-error.js';
import { createGuardianClient } from './guardian.client.js';

/** The Guardian client against the sandbox that emulates the Content API and its Kong gateway. */

const clock = { now: () => new Date() };
let sandbox: Sandbox;

function clientFor(target: Sandbox, apiKey: string, timeoutMs = 5_000): Provider {
  const log = pino({ level: 'silent' });
  return createGuardianClient({
    baseUrl: target.baseUrls.guardian,
    apiKey,
    timeoutMs,
    clock,
    log,
  });
}

const client = (timeoutMs?: number) =>
  clientFor(sandbox, SANDBOX_CREDENTIALS.guardianKey, timeoutMs);

/** What every Guardian draft must look like, whatever the story. */
function assertValidDraft(draft: ArticleDraft): void {
  assert.equal(draft.source.provider, 'guardian');
  assert.equal(draft.source.outlet, 'The Guardian');
  assert.equal(draft.url, `https://www.theguardian.com/${draft.source.providerId}`);
  assert.match(draft.canonicalUrl, /^https:\/\/theguardian\.com\//);
  assert.ok(draft.title.length > 0);
  assert.ok(!/ [–-] (live|as it happened)$/i.test(draft.title), draft.title);
  assert.ok(draft.content === null || (draft.content.length > 0 && draft.content.length <= 2_000));
  assert.ok(!Number.isNaN(draft.publishedAt.getTime()));
  assert.ok(draft.imageUrl === null || /^https?:\/\//.test(draft.imageUrl));
}

// The gateway allows one call a second by default; these tests are about shapes, not throttling.
before(async () => {
  sandbox = await startSandbox({ quotas: { guardianPerSecond: 1_000 } });
});
after(async () => {
  await sandbox.close();
});
afterEach(() => sandbox.faults.reset());

describe('Guardian client against the sandbox', () => {
  it('finds valid articles for a common topic', async () => {
    const page = await client().search({ q: 'climate', pageSize: 20 }, signal());
    assert.ok(page.articles.length > 0);
    assert.ok((page.totalResults ?? 0) >= page.articles.length);
    page.articles.forEach(assertValidDraft);
  });

  it('lists the newest content first for top', async () => {
    const page = await client().top({ pageSize: 20 }, signal());
    assert.ok(page.articles.length > 0 && page.articles.length <= 20);
    page.articles.forEach(assertValidDraft);
    const times = page.articles.map((a) => a.publishedAt.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('reports a wrong key as a non-retryable auth error from the gateway', async () => {
    const error = await failure(
      clientFor(sandbox, 'not-the-key').search({ q: 'climate', pageSize: 5 }, signal()),
    );
    assert.deepEqual([error.kind, error.retryable, error.status], ['auth', false, 401]);
    assert.ok(!error.message.includes('not-the-key'));
  });

  it('is throttled to a sub-second pause by the gateway on a developer key', async () => {
    const strict = await startSandbox();
    try {
      const developer = clientFor(strict, SANDBOX_CREDENTIALS.guardianKey);
      const outcomes = await Promise.allSettled(
        [1, 2, 3].map(() => developer.top({ pageSize: 1 }, signal())),
      );
      const throttled = outcomes.flatMap((o) =>
        o.status === 'rejected' && o.reason instanceof ProviderError ? [o.reason] : [],
      );
      assert.ok(throttled.length >= 1);
      for (const error of throttled) {
        assert.equal(error.kind, 'rate_limited');
        assert.ok((error.retryAfterMs ?? Infinity) <= 1_000);
      }
    } finally {
      await strict.close();
    }
  });

  sandboxFaultCases({
    upstream: 'guardian',
    sandbox: () => sandbox,
    client,
    retryAfterSeconds: 2,
  });
});
