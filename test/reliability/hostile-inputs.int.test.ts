import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { upsertArticle } from '../../src/articles/article.repository.js';
import type { TestApp } from '../app.js';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { articleDraft } from '../factories.js';
import {
  CALLER_KINDS,
  callerHeaders,
  collectGarbage,
  createFuzzApp,
  DESTRUCTIVE,
  routesOf,
  sendChecked,
  watchUnhandledRejections,
} from './fuzz-harness.js';
import { hostileRequests, UNDOCUMENTED_URLS } from './hostile-corpus.js';

/**
 * The hostile-input corpus (hostile-corpus.ts) on every route, as each kind of caller: every
 * response keeps the contract, nothing pollutes Object.prototype, no promise is left rejected,
 * nothing answers with a file from disk, and the heap after a full GC does not grow when the
 * corpus is sent again and again.
 */

const MEGABYTES = 1024 * 1024;

describe('hostile inputs on every route', () => {
  let database: TestDatabase;
  let t: TestApp;
  const rejections = watchUnhandledRejections();
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  before(async () => {
    database = await createTestDatabase();
    t = await createFuzzApp(database);
    for (let i = 0; i < 3; i += 1) await upsertArticle(database.db, articleDraft());
  });
  after(async () => {
    rejections.stop();
    await t.close();
    await database.drop();
  });

  /**
   * Sends the corpus (every `stride`-th request of it), the kinds of caller taking turns, so each
   * kind sees every kind of hostile input. Returns how many requests it sent and every broken
   * contract (all of them, not just the first, so one run shows every defect).
   */
  async function sendCorpus(stride = 1): Promise<{ sent: number; failures: string[] }> {
    let sent = 0;
    let turn = 0;
    const failures: string[] = [];
    const check = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        failures.push(
          error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
        );
      }
      sent += 1;
    };
    const callers = async () =>
      Promise.all(CALLER_KINDS.map((kind) => callerHeaders(t, database, kind)));
    for (const route of routesOf(t)) {
      const name = `${route.method} ${route.path}`;
      const shared = await callers();
      const requests = hostileRequests(route).filter((_, i) => i % stride === 0);
      for (const request of requests) {
        turn = (turn + 1) % CALLER_KINDS.length;
        const kind = CALLER_KINDS[turn] ?? 'anonymous';
        const caller = DESTRUCTIVE.has(name)
          ? await callerHeaders(t, database, kind)
          : (shared[turn] ?? {});
        await check(async () => {
          const res = await sendChecked(t, {
            ...request,
            headers: { ...caller, ...(request.headers as Record<string, string> | undefined) },
          });
          assert.ok(!/root:.*:0:0:/.test(res.body), `a file was served: ${request.url}`);
        });
      }
    }
    const shared = await callers();
    for (const url of UNDOCUMENTED_URLS) {
      for (const suffix of ['', '?a=%ff', '/..%2f..%2fetc%2fpasswd', '?q=%00', '/%ff']) {
        for (const caller of shared) {
          await check(() => sendChecked(t, { url: `${url}${suffix}`, headers: caller }));
        }
      }
    }
    return { sent, failures };
  }

  it('answers every hostile request within the contract, as each kind of caller', async (ctx) => {
    const { sent, failures } = await sendCorpus();
    ctx.diagnostic(`${sent} requests`);
    assert.deepEqual(failures, []);
  });

  // Heap after a full GC, not RSS: RSS includes freed pages the allocator keeps. Round 1 warms the
  // caches (the page cache, prepared plans, the LRUs) to their steady size; rounds 2-3 send the
  // same twentieth of the corpus again, so anything still growing is a leak. The bound is generous
  // (16 MB; each round still carries megabyte-sized bodies and query values, so keeping a handful
  // per round would show).
  it('keeps the heap flat while the corpus is sent again', async (ctx) => {
    const stride = 20;
    let t0 = performance.now();
    assert.deepEqual((await sendCorpus(stride)).failures, []);
    ctx.diagnostic(`TIMING warm ${Math.round(performance.now() - t0)}`);
    t0 = performance.now();
    collectGarbage();
    ctx.diagnostic(`TIMING gc ${Math.round(performance.now() - t0)}`);
    const baseline = process.memoryUsage().heapUsed;
    const growth: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      await sendCorpus(stride);
      collectGarbage();
      growth.push(Math.round((process.memoryUsage().heapUsed - baseline) / MEGABYTES));
    }
    ctx.diagnostic(
      `heap after GC: ${Math.round(baseline / MEGABYTES)} MB, then ${growth.join(', ')} MB more`,
    );
    assert.ok(Math.max(...growth) < 16, `heap grew by ${growth.join(', ')} MB`);
  });

  it('left no unhandled rejection and no polluted prototype behind', () => {
    assert.deepEqual(rejections.reasons, []);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
