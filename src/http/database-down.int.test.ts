import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/app.js';

describe('requests while PostgreSQL is unreachable', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  });
  after(async () => {
    await t.close();
  });

  it('answers a retryable 503 service_unavailable, not a 500, for an API-key request', async () => {
    const res = await t.app.inject({
      url: '/v1/saved',
      headers: { authorization: 'Bearer nrk_0123456789abcdef0123456789abcdef' },
    });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'service_unavailable');
    assert.equal(res.json().error.requestId, res.headers['x-request-id']);
    assert.equal(res.headers['retry-after'], '1');
  });

  it('answers the same for a session cookie', async () => {
    const res = await t.app.inject({
      url: '/v1/history',
      headers: { cookie: 'newsroom_session=nrs_abcdefabcdefabcdefabcdefabcdefab' },
    });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'service_unavailable');
  });
});
