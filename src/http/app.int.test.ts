import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { withErrors } from './schemas.js';

// Routes that exist only in this test, to exercise body parsing and unexpected failures the
// product's own routes cannot be made to produce on demand.
const probeRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/__probe/echo',
    {
      schema: {
        body: Type.Object(
          { title: Type.String({ maxLength: 50 }), tags: Type.Array(Type.String()) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ ok: Type.Boolean() }) }),
      },
    },
    () => ({ ok: true }),
  );
  app.get('/__probe/boom', () => {
    throw new Error('secret internals: password=hunter2 at /srv/app.ts:12');
  });
};

describe('HTTP error model and hardening', () => {
  let database: TestDatabase;
  let t: TestApp;
  before(async () => {
    database = await createTestDatabase();
    t = await createTestApp(
      { DATABASE_URL: database.url, BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://app.example' },
      [probeRoutes],
    );
  });
  after(async () => {
    await t.close();
    await database.drop();
  });

  it('answers an unknown route with 404 not_found in the error model', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    const body = res.json();
    assert.equal(body.error.code, 'not_found');
    assert.equal(body.error.requestId, res.headers['x-request-id']);
  });

  it('rejects a wrongly typed query parameter with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/articles?limit=lots' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, /limit/);
  });

  it('rejects an unknown query parameter instead of ignoring it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/articles?lmit=5' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /unknown field 'lmit'/);
  });

  it('rejects malformed JSON with 400 malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/__probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": "unterminated',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'malformed_json');
  });

  it('rejects prototype-pollution keys as malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/__probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":"x","tags":[],"__proto__":{"admin":true}}',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
  });

  it('rejects a body field of the wrong type with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/__probe/echo',
      payload: { title: 'ok', tags: 'not-an-array' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.match(res.json().error.message, /body\/tags/);
  });

  it('rejects a missing required field naming it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/__probe/echo', payload: { tags: [] } });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /body\/title is required/);
  });

  it('rejects a content type it does not parse with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/__probe/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<title>x</title>',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  it('rejects an oversized body with 413 payload_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/__probe/echo',
      payload: { title: 'x', tags: ['y'.repeat(4096)] },
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  });

  it('answers an unexpected failure with 500 internal_error and leaks nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/__probe/boom' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'message', 'requestId']);
    assert.equal(res.json().error.code, 'internal_error');
    assert.doesNotMatch(res.body, /hunter2|app\.ts|secret internals|at /);
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const mine = await t.app.inject({
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    assert.equal(mine.headers['x-request-id'], 'abc-123');
    const unsafe = await t.app.inject({
      url: '/health/live',
      headers: { 'x-request-id': 'evil\u0000id with spaces' },
    });
    assert.match(String(unsafe.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/health/live' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /upgrade-insecure/);
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await t.app.inject({
      url: '/health/live',
      headers: { origin: 'https://app.example' },
    });
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example');
    const denied = await t.app.inject({
      url: '/health/live',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  it('serves an OpenAPI 3 document that describes the routes and the error model', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.0.3');
    for (const path of ['/health/live', '/health/ready', '/v1/articles', '/v1/articles/{id}']) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    assert.ok(doc.components.schemas.ErrorResponse);
  });

  it('serves interactive docs from local assets (no CDN)', async () => {
    const page = await t.app.inject({ url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(page.body, /https?:\/\/(?!localhost)/);
    const bundle = await t.app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    assert.equal(bundle.statusCode, 200);
    assert.ok(bundle.body.length > 100_000);
  });
});
