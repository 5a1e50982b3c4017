import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One info line per request, when it completes (method, route, status, time), instead of
 * Fastify's two; the "incoming" line moves to debug. Health probes are not logged at all: load
 * balancers poll them every few seconds.
 */
export class RequestLogging extends LogController {
  constructor() {
    super({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (req) => req.url.startsWith('/health/'),
    });
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug(
      { method: request.method, url: loggableUrl(request.url) },
      'incoming request',
    );
  }

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      method: request.method,
      url: loggableUrl(request.url),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      // Search responses say whether the cache answered (the cache hit-ratio metric reads it).
      cache: reply.getHeader('x-cache'),
    };
    if (error) reply.log.error({ ...fields, err: error }, 'Request errored');
    else reply.log.info(fields, 'Request completed');
  }
}

// Query parameters that carry secrets (the OAuth callback's code and state, keys some clients
// put in URLs): their values never reach a log line.
const SECRET_PARAMS =
  /([?&](?:code|state|token|key|api_?key|access_token|refresh_token|password)=)[^&#]*/giu;

/** The URL with secret query values replaced by [redacted]. */
export function loggableUrl(url: string): string {
  return url.includes('?') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}
