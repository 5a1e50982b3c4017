import { ProviderError } from '../provider-error.js';

export interface UpstreamRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Form or JSON body, already encoded. */
  body?: string;
  signal: AbortSignal;
  /** Per-call timeout, on top of the caller's signal. */
  timeoutMs: number;
  /** Bodies larger than this are refused (default 5 MiB): a hostile upstream can't exhaust memory. */
  maxBytes?: number;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** The raw body text (UTF-8). */
  text: string;
  /** The parsed body when it is JSON, else undefined (HTML error pages, truncated bodies). */
  json: unknown;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * One HTTP call to an upstream with a timeout, a body-size cap and no redirects followed.
 * Network failures become ProviderErrors (`unavailable`, `timeout`, `cancelled`); any HTTP status
 * is returned for the client to interpret, since each upstream encodes errors differently.
 */
export async function requestUpstream(
  provider: string,
  url: string,
  request: UpstreamRequest,
): Promise<UpstreamResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    throw networkError(provider, error, request.signal, timeout);
  }
  let text: string;
  try {
    text = await readCapped(response, request.maxBytes ?? DEFAULT_MAX_BYTES, provider);
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw networkError(provider, error, request.signal, timeout);
  }
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

function networkError(
  provider: string,
  error: unknown,
  callerSignal: AbortSignal,
  timeout: AbortSignal,
): ProviderError {
  if (callerSignal.aborted) {
    return new ProviderError(provider, 'cancelled', 'The caller gave up on the request', {
      cause: error,
      retryable: false,
    });
  }
  if (timeout.aborted) {
    return new ProviderError(provider, 'timeout', 'No response within the timeout', {
      cause: error,
    });
  }
  const raw =
    error instanceof Error
      ? ((error.cause as Error | undefined)?.message ?? error.message)
      : 'unknown';
  // Never echo a URL's query string (some upstreams take the key there), and keep the cause out
  // of the error for the same reason: undici's messages can carry the full URL.
  const detail = raw.replace(/\?\S*/g, '?…');
  return new ProviderError(provider, 'unavailable', `Connection failed: ${detail}`);
}

async function readCapped(response: Response, maxBytes: number, provider: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(provider, maxBytes);
  }
  if (response.body === null) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(provider, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(provider: string, maxBytes: number): ProviderError {
  return new ProviderError(
    provider,
    'malformed_response',
    `Response larger than ${maxBytes} bytes`,
  );
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
