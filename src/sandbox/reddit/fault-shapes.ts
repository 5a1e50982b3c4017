import type { CannedResponse, FaultShapes } from '../faults.js';
import { serverErrorHtml, whoaThereHtml } from './html.js';

/** Reddit failing: CDN HTML 5xx pages, and 429s alternating between its HTML and JSON bodies. */

const HTML = 'text/html; charset=utf-8';
const SERVER_STATUSES = [500, 502, 503, 504] as const;

/** Reddit's 429: odd-numbered answers are the HTML "whoa there" page, even ones JSON. */
export function throttledResponse(retryAfterSeconds: number, sequence: number): CannedResponse {
  const headers = {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-remaining': '0.0',
    'x-ratelimit-reset': String(retryAfterSeconds),
  };
  return sequence % 2 === 1
    ? { status: 429, contentType: HTML, headers, body: whoaThereHtml(retryAfterSeconds) }
    : {
        status: 429,
        contentType: 'application/json; charset=UTF-8',
        headers,
        body: JSON.stringify({ message: 'Too Many Requests', error: 429 }),
      };
}

export const redditFaultShapes: FaultShapes = {
  serverError(roll) {
    const status = SERVER_STATUSES[Math.floor(roll * SERVER_STATUSES.length)] ?? 500;
    return { status, contentType: HTML, body: serverErrorHtml(status) };
  },
  rateLimited: throttledResponse,
  wrongShape: JSON.stringify({ kind: 'Listing', data: { after: null, children: { t3: [] } } }),
};
