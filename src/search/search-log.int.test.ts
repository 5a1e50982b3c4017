import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { RELAXED_PROVIDER_LIMITS } from '../../test/search-env.js';

// The production dashboard's cache hit ratio and upstream error rate are log metric filters
// (infra/): these are the lines and fields they count, at the level production logs.
describe('GET /v1/search: log lines the dashboard counts, fields the web app shows', () => {
  let database: TestDatabase;
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  before(async () => {
    database = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    t = await createTestApp(
      { DATABASE_URL: database.url, LOG_LEVEL: 'info', ...RELAXED_PROVIDER_LIMITS },
      [],
      { logDestination: stream },
    );
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('marks each search request line with its cache state and logs every upstream call', async () => {
    const url = `/v1/search?q=harbour%20${Date.now().toString(36)}`;
    await t.app.inject({ url });
    await t.app.inject({ url });
    const requests = lines.filter((l) => l.msg === 'Request completed' && l.url === url);
    assert.deepEqual(
      requests.map((l) => l.cache),
      ['MISS', 'HIT'],
    );
    const upstream = lines.filter((l) => l.msg === 'Upstream call');
    assert.deepEqual(upstream.map((l) => l.provider).sort(), ['guardian', 'newsapi', 'reddit']);
    assert.ok(upstream.every((l) => typeof l.durationMs === 'number'));
  });

  it('gives every live result its headline sentiment', async () => {
    const res = await t.app.inject({ url: '/v1/search?q=climate&limit=100' });
    assert.equal(res.statusCode, 200);
    const { results } = res.json<{ results: { sentiment: { label: string } | null }[] }>();
    assert.ok(results.length > 0);
    for (const result of results) {
      assert.ok(
        ['positive', 'neutral', 'negative', 'unsupported'].includes(result.sentiment?.label ?? ''),
      );
    }
  });
});
