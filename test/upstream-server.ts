import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test helper: a loopback HTTP server that answers every request with one canned behaviour and
 * records what the client sent. One per test, on port 0.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The raw request target, to check what a logged URL would show. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
}

export type Answer = (response: ServerResponse) => void;

export interface Upstream {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 that records each request and replies with `answer`. */
export async function startUpstream(answer: Answer): Promise<Upstream> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      rawUrl: request.url ?? '',
      headers: request.headers,
    });
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Replies with a body as-is. */
export function reply(status: number, body: string, contentType = 'application/json'): Answer {
  return (response) => {
    response.writeHead(status, {
      'content-type': `${contentType}; charset=utf-8`,
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  };
}

/** Replies with a value serialised as JSON. */
export function replyJson(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Answer {
  const text = JSON.stringify(body);
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(text);
  };
}

/** Never answers: the client's timeout has to fire. */
export const stall: Answer = () => {};

/** Promises a full body, sends half of it, then drops the connection. */
export function dropMidBody(body: string): Answer {
  return (response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.write(body.slice(0, Math.floor(body.length / 2)));
    setTimeout(() => response.socket?.destroy(), 10);
  };
}
