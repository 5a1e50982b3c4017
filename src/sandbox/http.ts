import type { FastifyReply } from 'fastify';
import type { CannedResponse } from './faults.js';

/** Small request/response helpers shared by the upstream emulators. */

export type Query = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (names are case-sensitive, as upstreams treat them). */
export function param(query: unknown, name: string): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const value = (query as Query)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A positive integer parameter; `fallback` when absent, NaN when present but not an integer. */
export function intParam(query: unknown, name: string, fallback: number): number {
  const raw = param(query, name);
  if (raw === undefined || raw === '') return fallback;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
}

/** Sends a pre-serialised body with an exact content type and extra headers. */
export function sendRaw(reply: FastifyReply, response: CannedResponse): FastifyReply {
  return reply
    .code(response.status)
    .headers(response.headers ?? {})
    .type(response.contentType)
    .send(response.body);
}

/** Whole-second ISO 8601 UTC timestamp (`2026-03-14T06:12:44Z`). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
