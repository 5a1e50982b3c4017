import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { notFoundHandler } from './error-handler.js';
import { isApiPath, webAppRoutes } from './web-app.routes.js';

async function appServing(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler(notFoundHandler);
  app.get('/v1/things', () => ({ things: [] }));
  await app.register(webAppRoutes, { root });
  return app;
}

describe('web app routes', () => {
  let root: string;
  let app: FastifyInstance;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'newsroom-web-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app shell</title>');
    await writeFile(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appServing(root);
  });
  after(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the app shell at / and at deep links, revalidated on every load', async () => {
    for (const url of ['/', '/saved', '/search?q=climate', '/articles/42']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /app shell/);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, 'console.log(1)');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers unknown API paths and missing files with the JSON 404, never the shell', async () => {
    for (const url of ['/v1/nope', '/auth/nope', '/health/nope', '/assets/gone-123.js']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'not_found', url);
    }
    assert.deepEqual((await app.inject({ url: '/v1/things' })).json(), { things: [] });
  });

  it('says how to build the app when there is no build', async () => {
    const bare = await appServing(path.join(root, 'missing'));
    const res = await bare.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /npm run build/);
    assert.equal((await bare.inject({ url: '/saved' })).statusCode, 404);
    await bare.close();
  });

  it('knows the API prefixes without catching look-alike app paths', () => {
    assert.ok(isApiPath('/v1/search?q=x'));
    assert.ok(isApiPath('/openapi.json'));
    assert.ok(isApiPath('/docs'));
    assert.ok(!isApiPath('/v1beta'));
    assert.ok(!isApiPath('/saved'));
  });
});
