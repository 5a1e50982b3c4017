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
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'Request errored');
    else reply.log.info(fields, 'Request completed');
  }
}
