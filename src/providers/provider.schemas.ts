import { Type } from '@sinclair/typebox';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

export const ProviderStatusSchema = Type.Object(
  {
    id: Type.String({ examples: ['guardian'] }),
    displayName: Type.String(),
    enabled: Type.Boolean(),
    mode: Type.Union([Type.Literal('live'), Type.Literal('sandbox')], {
      description: 'live: the real API (credentials set); sandbox: the built-in emulator.',
    }),
    breaker: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')], {
      description: 'open: calls are skipped after repeated failures until a probe succeeds.',
    }),
    budget: Type.Array(
      Type.Object({
        window: Type.String({ examples: ['day'] }),
        limit: Type.Integer(),
        used: Type.Integer(),
        remaining: Type.Integer(),
        resetAt: DateTime(),
      }),
      { description: 'Our own call budget per window; no call is made past a limit.' },
    ),
    pausedUntil: Type.Union([DateTime(), Type.Null()], {
      description: 'Set after the upstream throttled us: no call before this time.',
    }),
    lastError: Type.Union([
      Type.Object({ kind: Type.String(), message: Type.String(), at: DateTime() }),
      Type.Null(),
    ]),
    lastSuccessAt: Type.Union([DateTime(), Type.Null()]),
  },
  { $id: 'ProviderStatus', title: 'ProviderStatus' },
);
