import type { FastifyPluginAsync } from 'fastify';

// Until the web app lands (it will be served from here), `/` tells a person where things are.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Newsroom</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Newsroom</h1>
<p>One API over many news sources. This server is up.</p>
<ul>
<li><a href="/docs">API documentation</a> (interactive)</li>
<li><a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/v1/articles">Stored articles</a></li>
<li><a href="/health/ready">Readiness</a></li>
</ul>
</body></html>`;

/** The web app's entry point at `/`. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
};
