import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { SANDBOX_PREFIXES } from './credentials.js';
import type { FaultShapes, FaultState, Upstream } from './faults.js';
import { sendRaw } from './http.js';

/**
 * Applies the configured faults to every request under an upstream's prefix, before its routes
 * run (latency, stalls, resets, 5xx, 429, bad bodies) or after them (truncation). Control and
 * health endpoints are never faulted.
 */

const MALFORMED = '{"status": ok, "results": [ {"id": 1,, } <!-- upstream returned garbage -->';

/** Which upstream a request path belongs to, if any. */
export function upstreamOf(url: string): Upstream | undefined {
  if (url.startsWith(`${SANDBOX_PREFIXES.newsapi}/`)) return 'newsapi';
  if (url.startsWith(`${SANDBOX_PREFIXES.guardian}/`)) return 'guardian';
  if (url.startsWith('/reddit/')) return 'reddit';
  return undefined;
}

/** Registers the onRequest/onSend hooks that inject `state`'s faults in each upstream's shapes. */
export function registerFaultHooks(
  app: FastifyInstance,
  state: FaultState,
  shapes: Record<Upstream, FaultShapes>,
): void {
  const throttled: Record<Upstream, number> = { newsapi: 0, guardian: 0, reddit: 0 };

  app.addHook('onRequest', async (req, reply) => {
    const upstream = upstreamOf(req.url);
    if (upstream === undefined) return;
    const faults = state.get(upstream);
    const shape = shapes[upstream];

    const latency = faults.latencyMs;
    if (latency !== undefined) {
      const ms =
        typeof latency === 'number'
          ? latency
          : latency.min + state.draw(upstream) * Math.max(0, latency.max - latency.min);
      if (ms > 0) await sleep(ms);
    }
    if (faults.reset === true) {
      reply.hijack();
      req.raw.socket.resetAndDestroy();
      return reply;
    }
    if (faults.stall === true) {
      // Never answer: the socket stays open until the client gives up or the sandbox closes.
      reply.hijack();
      return reply;
    }
    if (faults.errorRate !== undefined && state.draw(upstream) < faults.errorRate) {
      return sendRaw(reply, shape.serverError(state.draw(upstream)));
    }
    if (faults.rateLimited !== undefined) {
      throttled[upstream] += 1;
      return sendRaw(
        reply,
        shape.rateLimited(faults.rateLimited.retryAfterSeconds, throttled[upstream]),
      );
    }
    if (faults.malformedJson === true) {
      return sendRaw(reply, {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: MALFORMED,
      });
    }
    if (faults.wrongShape === true) {
      return sendRaw(reply, {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: shape.wrongShape,
      });
    }
    return undefined;
  });

  // Truncation cuts the real answer midway, so the body starts like the real thing.
  app.addHook('onSend', async (req, reply, payload) => {
    const upstream = upstreamOf(req.url);
    if (upstream === undefined || state.get(upstream).truncatedBody !== true) return payload;
    if (typeof payload !== 'string' || payload.length < 2) return payload;
    void reply.code(200);
    return payload.slice(0, Math.floor(payload.length / 2));
  });
}
