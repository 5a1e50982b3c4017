import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export interface WebAppRoutesOptions {
  /** The built web app; WEB_APP_ROOT unless a test points elsewhere. */
  root?: string;
}

/** Where `npm run build` writes the web app, found from this file so the cwd does not matter. */
export const WEB_APP_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths the API owns: the web app's fallback never answers for them, so their 404s stay JSON. */
const API_PREFIXES = ['/v1', '/auth', '/health', '/docs', '/metrics', '/openapi.json'];

// Vite names every file under assets/ after its content hash, so a cached copy is never stale.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// index.html names the current hashes: revalidate it on every load, so a deploy shows at once.
const REVALIDATE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Newsroom</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Newsroom</h1>
<p>The API is up, but the web app is not built here: run <code>npm run build</code> and restart
(<code>npm start</code> does both).</p>
<ul>
<li><a href="/docs">API documentation</a> (interactive)</li>
<li><a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/health/ready">Readiness</a></li>
</ul>
</body></html>`;

export function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return API_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * The web app at `/`: the built files from `root`, and index.html for every other GET that is not
 * an API path, so a deep link (`/saved`, `/search?q=...`) loads the app, which routes itself.
 * Without a build, `/` says how to make one and the API works as before.
 */
export const webAppRoutes: FastifyPluginAsync<WebAppRoutesOptions> = async (
  app,
  { root = WEB_APP_ROOT },
) => {
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
    return;
  }
  // Read once: it is small, and serving it from memory keeps deep links off the disk.
  const indexHtml = readFileSync(indexFile);

  await app.register(fastifyStatic, {
    root,
    // One route per built file, read at start-up, so the catch-all below can own the rest.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      const relative = path.relative(root, filePath);
      res.setHeader('cache-control', relative.startsWith('assets') ? IMMUTABLE : REVALIDATE);
    },
  });

  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').send(indexHtml);

  app.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, (req: FastifyRequest, reply) => {
    const wantsFile = path.extname(req.url.split('?')[0] ?? '') !== '';
    // A missing asset or an unknown API path is a real 404, not the app shell.
    if (isApiPath(req.url) || wantsFile) return reply.callNotFound();
    return sendIndex(reply);
  });
};
