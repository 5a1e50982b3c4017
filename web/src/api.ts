/** The one way the app talks to the API: same origin, the session cookie, the CSRF header. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

type Query = Record<string, string | number | undefined | null>;

let csrfToken: string | undefined;

/** Set from GET /v1/me or a sign-in answer; sent on every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      'Cannot reach Newsroom. Check your connection, then try again.',
      0,
      'network',
    );
  }
  if (response.status === 204) return { data: undefined as T, headers: response.headers };
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response, payload);
  return { data: payload as T, headers: response.headers };
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = undefined>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** Turns any error answer into a sentence a person can act on; never a raw JSON dump. */
function toApiError(response: Response, payload: unknown): ApiError {
  type ErrorBody = { error?: { code?: string; message?: string; requestId?: string } };
  const error = (payload as ErrorBody | undefined)?.error;
  const code = error?.code ?? 'http_error';
  const requestId = error?.requestId ?? response.headers.get('x-request-id') ?? undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  let message: string;
  if (response.status === 401 && code === 'unauthorized') {
    message = 'Please sign in to do this.';
  } else if (response.status === 429) {
    message = `Too many requests. Try again${retryAfter > 0 ? ` in ${retryAfter} s` : ' shortly'}.`;
  } else if (error?.message === undefined || code === 'internal_error') {
    message = `Something went wrong${response.status >= 500 ? ' on our side' : ''}. Try again in a moment${
      requestId === undefined ? '' : ` (reference ${requestId})`
    }.`;
  } else {
    message = error.message;
  }
  return new ApiError(message, response.status, code, requestId);
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something unexpected went wrong.';
}

/** A text field's value from a submitted form ('' when absent). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
