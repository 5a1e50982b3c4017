import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { upsertArticle } from '../../src/articles/article.repository.js';
import type { TestApp } from '../app.js';
import { articleDraft } from '../factories.js';
import { createTestDatabase, type TestDatabase } from '../database.js';
import {
  CALLER_KINDS,
  callerHeaders,
  createFuzzApp,
  DESTRUCTIVE,
  fillPath,
  queryString,
  routesOf,
  sendChecked,
  watchUnhandledRejections,
  type CallerKind,
  type Route,
} from './fuzz-harness.js';
import { anyInput, valid, wrongType, type JsonSchema } from './schema-arbitrary.js';

/**
 * Property-based fuzzing of every documented route: path parameters, query strings and bodies
 * generated from the route's own schemas (valid, broken and in between), sent as an anonymous
 * caller, a signed-in browser (with its CSRF token) and an API key. Whatever is sent, the
 * response keeps the contract in fuzz-harness.ts and nothing is left unhandled.
 *
 * A failing property prints its seed and shrunk counterexample; pass that seed in `options` to
 * replay it.
 */

// Cases per route and kind of caller: ~33 routes x 3 callers x 20 = ~2,000 requests.
const options: fc.Parameters<[Case]> = { numRuns: 20 };

interface Case {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Send the body as JSON text, or leave it out. */
  sendBody: boolean;
}

/** Path params stay mostly valid (a broken one only reaches the router's 404 or a 400). */
function caseOf(route: Route): fc.Arbitrary<Case> {
  const asObject = (schema: JsonSchema) =>
    anyInput(schema).map((v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? (v as Record<string, unknown>)
        : {},
    );
  return fc.record({
    params: fc.oneof(
      { arbitrary: valid(route.params) as fc.Arbitrary<Record<string, unknown>>, weight: 3 },
      { arbitrary: asObject(route.params), weight: 1 },
    ),
    query: asObject(route.query),
    body: route.body === undefined ? wrongType : anyInput(route.body),
    sendBody:
      route.body === undefined
        ? fc.boolean()
        : fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
  });
}

describe('fuzzed inputs on every documented route', () => {
  let database: TestDatabase;
  let t: TestApp;
  const rejections = watchUnhandledRejections();
  before(async () => {
    database = await createTestDatabase();
    t = await createFuzzApp(database);
    // Articles 1-3 exist, so generated ids ("1", "2", "3" are in the vocabulary) reach the saves.
    for (let i = 0; i < 3; i += 1) await upsertArticle(database.db, articleDraft());
  });
  after(async () => {
    rejections.stop();
    await t.close();
    await database.drop();
  });

  it('documents the routes the fuzzer covers', () => {
    assert.ok(routesOf(t).length >= 30, 'the OpenAPI document lists the API');
  });

  // The route list is read from the app, which exists only once `before` has run.
  it('answers every generated request within the contract, for every kind of caller', async (ctx) => {
    for (const route of routesOf(t)) {
      const name = `${route.method} ${route.path}`;
      for (const kind of CALLER_KINDS) {
        await ctx.test(`${name} as ${kind}`, async (sub) => {
          const statuses = await fuzzRoute(route, name, kind);
          // What the cases reached (400s only would mean the generators never get past validation).
          sub.diagnostic(JSON.stringify(statuses));
        });
      }
    }
  });

  async function fuzzRoute(
    route: Route,
    name: string,
    kind: CallerKind,
  ): Promise<Record<number, number>> {
    const statuses: Record<number, number> = {};
    const shared = await callerHeaders(t, database, kind);
    await fc.assert(
      fc.asyncProperty(caseOf(route), async (c) => {
        const headers = DESTRUCTIVE.has(name) ? await callerHeaders(t, database, kind) : shared;
        const res = await sendChecked(t, {
          method: route.method,
          url: `${fillPath(route.path, c.params)}${queryString(c.query)}`,
          headers: c.sendBody ? { ...headers, 'content-type': 'application/json' } : headers,
          ...(c.sendBody ? { payload: JSON.stringify(c.body) ?? 'null' } : {}),
        });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      }),
      options,
    );
    return statuses;
  }

  it('left no unhandled rejection and no polluted prototype behind', () => {
    assert.deepEqual(rejections.reasons, []);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });
});
