import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A $ref to a schema registered with app.addSchema, typed as the schema itself. */
export function ref<T extends TSchema>(schema: T) {
  if (schema.$id === undefined) throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
}

/** The one error body every failure uses. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable, snake_case error code.' }),
      message: Type.String({ description: 'Human-readable explanation, safe to show.' }),
      requestId: Type.String({ description: 'Echo of X-Request-Id, for support and logs.' }),
    }),
  },
  { $id: 'ErrorResponse', title: 'ErrorResponse' },
);

const errorRef = ref(ErrorResponse);

/**
 * Response map for a route: its success schemas plus the error statuses every route can return
 * (400 bad input, 404, 413, 415, 429 throttled, 500, 503 draining), all with the error model.
 */
export function withErrors<T extends Record<number, TSchema>>(success: T) {
  return {
    ...success,
    '4xx': errorRef,
    '5xx': errorRef,
  };
}
