import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';

/**
 * One info line per request, when it completes (method, route, status, time), instead of
 * Fastify's two; the "incoming" line moves to debug. Health probes are not logged at all: load
 * balancers poll them every few seconds.
 *
 * The completion line of a request that succeeded goes through a child of the process logger
 * without redaction: its fields are fixed and built here (the URL with secret query values
 * already replaced), and the wildcard redaction paths cost ~15 µs a line, as much as the rest of
 * a cached search's own work. Every other line, errors included, is redacted as usual.
 */
export class RequestLogging extends LogController {
  private readonly accessLog: Logger;

  constructor(log: Logger) {
    super({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (req) => req.url.startsWith('/health/'),
    });
    this.accessLog = log.child({}, { redact: [] });
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
    else if (this.accessLog.isLevelEnabled('info')) {
      this.accessLog.info({ requestId: request.id, ...fields }, 'Request completed');
    }
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
