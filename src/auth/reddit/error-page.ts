import { escapeText } from 'entities';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type ErrorCode } from '../../errors.js';
import { STATUS_BY_CODE } from '../../http/error-handler.js';

/**
 * Errors of the browser-facing sign-in routes as a small HTML page (a person follows these
 * links, not a program): the status, the stable error code, a message safe to show, the request
 * id, and a way back. 5xx details are logged, never shown, as in the JSON error handler.
 */
export function signInErrorPage(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const { status, code, message } = describe(error);
  if (status >= 500) req.log.error({ err: error }, 'Request failed');
  else req.log.info({ code, message }, 'Request rejected');
  if (isAppError(error) && error.retryAfterMs !== undefined) {
    void reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
  }
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page(code, message, req.id));
}

function describe(error: FastifyError): { status: number; code: ErrorCode; message: string } {
  if (isAppError(error)) {
    return { status: STATUS_BY_CODE[error.code], code: error.code, message: error.message };
  }
  if (error.validation !== undefined) {
    return { status: 400, code: 'oauth_failed', message: 'The sign-in link is malformed' };
  }
  return { status: 500, code: 'internal_error', message: 'Something went wrong on our side' };
}

function page(code: ErrorCode, message: string, requestId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Sign-in failed - Newsroom</title></head>
<body>
<main>
<h1>Sign-in with Reddit failed</h1>
<p>${escapeText(message)}</p>
<p>Error code: <code>${code}</code>. Request id: <code>${escapeText(requestId)}</code>.</p>
<p><a href="/">Back to Newsroom</a></p>
</main>
</body></html>
`;
}
