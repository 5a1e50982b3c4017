import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../app.js';
import type { TestDatabase } from '../database.js';
import { RELAXED_PROVIDER_LIMITS } from '../search-env.js';
import { apiKeyFor, signedInUser } from '../users.js';
import type { JsonSchema } from './schema-arbitrary.js';

/**
 * What the fuzz and hostile-input tests share: the real app with limits lifted (so throttling
 * does not hide what a handler does with the input), the route table read from the app's own
 * OpenAPI document, the three kinds of caller, and the checks every response must pass.
 */

export const FUZZ_ENV: Record<string, string> = {
  ...RELAXED_PROVIDER_LIMITS,
  API_KEY_HOURLY_LIMIT_BASIC: '1000000',
  API_KEY_HOURLY_LIMIT_PREMIUM: '1000000',
  LOGIN_ATTEMPTS_PER_IP: '1000000',
  LOGIN_ATTEMPTS_PER_ACCOUNT: '1000000',
  TOKEN_ENCRYPTION_KEYS: `fuzz:${Buffer.alloc(32, 9).toString('base64')}`,
  // Analysis is CPU work off the request path; it would only slow the run down.
  ENRICHMENT_IN_API: 'false',
};

export function createFuzzApp(database: TestDatabase): Promise<TestApp> {
  return createTestApp({ DATABASE_URL: database.url, ...FUZZ_ENV });
}

/** One operation of the OpenAPI document, with its inputs as JSON Schemas. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `{id}` style. */
  path: string;
  params: JsonSchema;
  query: JsonSchema;
  body: JsonSchema | undefined;
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every operation the app documents, from `app.swagger()`. */
export function routesOf(t: TestApp): Route[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      routes.push({
        method: method.toUpperCase() as Route['method'],
        path,
        params: objectOf(parameters.filter((p) => p.in === 'path')),
        query: objectOf(parameters.filter((p) => p.in === 'query')),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return routes;
}

function objectOf(parameters: OpenApiParameter[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required === true).map((p) => p.name),
  };
}

/**
 * Routes whose success ends the caller's session, key or account: they get a fresh caller for
 * every case, so one case cannot turn the rest into 401s.
 */
export const DESTRUCTIVE = new Set([
  'DELETE /v1/me',
  'POST /auth/logout',
  'POST /auth/logout-all',
  'DELETE /v1/me/sessions/{id}',
  'DELETE /v1/api-keys/{id}',
]);

export type CallerKind = 'anonymous' | 'session' | 'apiKey';
export const CALLER_KINDS: CallerKind[] = ['anonymous', 'session', 'apiKey'];

/** Headers that make a request come from a new caller of that kind. */
export async function callerHeaders(
  t: TestApp,
  database: TestDatabase,
  kind: CallerKind,
): Promise<Record<string, string>> {
  if (kind === 'anonymous') return {};
  const who = await signedInUser(t.deps, database.db);
  if (kind === 'session') return who.headers;
  return { authorization: `Bearer ${await apiKeyFor(t.deps, who.user)}` };
}

/** Percent-encodes UTF-8 bytes; lone surrogates become U+FFFD (as a browser would send them). */
export function encodePathSegment(value: string): string {
  // The fast path for the common case (and for 1 MB values); surrogates take the slow one.
  if (!/[\ud800-\udfff]/.test(value)) return encodeURIComponent(value);
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** `path` with its `{name}` segments filled from `params`. */
export function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodePathSegment(asText(params[name])));
}

/** A query string with each declared value as a caller could send it (arrays as repeats). */
export function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) parts.push(`${encodePathSegment(key)}=${encodePathSegment(asText(v))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

const STACK_TRACE = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+:\d+/;

/**
 * The contract every response keeps, whatever was sent: no 5xx but the documented 502, an error
 * body in the error model (or the sign-in routes' HTML page) on every 4xx, no stack trace, and
 * no header a caller managed to inject.
 */
export function assertWellBehaved(res: LightMyRequestResponse, what: string): void {
  const label = `${what} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) {
    assert.equal(res.statusCode, 502, label);
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'upstream_unavailable', label);
  }
  assert.ok(res.headers['x-injected'] === undefined, `a header was injected: ${label}`);
  for (const [name, value] of Object.entries(res.headers)) {
    assert.ok(!/[\r\n]/.test(String(value)), `header ${name} carries CR/LF: ${label}`);
  }
  if (res.statusCode < 400) return;
  assert.ok(!STACK_TRACE.test(res.body), `a stack trace leaked: ${label}`);
  const requestId = String(res.headers['x-request-id']);
  if (String(res.headers['content-type']).startsWith('text/html')) {
    // The browser-facing sign-in routes answer people with a page naming the code and request id.
    assert.ok(res.body.includes(requestId), `the error page names the request id: ${label}`);
    return;
  }
  const body = res.json<{ error?: { code?: unknown; message?: unknown; requestId?: unknown } }>();
  assert.equal(typeof body.error?.code, 'string', label);
  assert.equal(typeof body.error?.message, 'string', label);
  assert.equal(body.error?.requestId, requestId, label);
}

/** Sends a request and checks the response contract; returns the response. */
export async function sendChecked(
  t: TestApp,
  request: InjectOptions & { url: string },
): Promise<LightMyRequestResponse> {
  const res = await t.app.inject(request);
  assertWellBehaved(res, `${request.method ?? 'GET'} ${request.url.slice(0, 200)}`);
  return res;
}

/** Collects unhandled rejections for the duration of a suite. */
export function watchUnhandledRejections(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', listener);
  return { reasons, stop: () => process.off('unhandledRejection', listener) };
}

/**
 * A full garbage collection, without starting node with --expose-gc (the test runner starts the
 * processes): the flag is set at run time and a new context hands out the `gc` function.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}
