import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withErrors } from '../http/schemas.js';
import type { HealthService } from './health.service.js';

const Component = (
  statuses: string[],
  extra: Record<string, ReturnType<typeof Type.String>> = {},
) =>
  Type.Object({
    status: Type.Union(statuses.map((s) => Type.Literal(s))),
    detail: Type.Optional(Type.String()),
    ...extra,
  });

const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  components: Type.Object({
    database: Component(['up', 'down']),
    migrations: Type.Object({
      status: Type.Union([Type.Literal('up'), Type.Literal('pending'), Type.Literal('down')]),
      pending: Type.Array(Type.String()),
    }),
    cache: Component(['up', 'degraded'], { kind: Type.String() }),
    server: Component(['up', 'draining']),
    providers: Type.Object({
      status: Type.Union([Type.Literal('up'), Type.Literal('degraded')]),
      open: Type.Array(Type.String(), {
        description: 'Providers whose circuit is open or that are paused after throttling.',
      }),
      details: Type.Array(
        Type.Object({
          id: Type.String(),
          breaker: Type.String(),
          callsLeft: Type.Union([Type.Integer(), Type.Null()], {
            description: 'Calls left in the tightest budget window.',
          }),
        }),
      ),
    }),
  }),
});

/** Liveness and readiness probes for orchestrators (ECS, compose, the ALB). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ health: HealthService }> = async (
  app,
  { health },
) => {
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is up and serving HTTP',
        response: withErrors({ 200: Type.Object({ status: Type.Literal('ok') }) }),
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready for traffic: database up, migrations applied, cache up or degraded',
        response: withErrors({ 200: ReadinessSchema, 503: ReadinessSchema }),
      },
    },
    async (_req, reply) => {
      const readiness = await health.readiness();
      return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness);
    },
  );
};
