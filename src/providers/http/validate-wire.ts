import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ProviderError } from '../provider-error.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/**
 * Checks an upstream payload against the provider's wire schema and returns it typed, or throws
 * `malformed_response` naming the first offending path. Wire schemas should be lenient about
 * fields the upstream documents as optional or nullable, and strict about what we rely on.
 */
export function validateWire<T extends TSchema>(
  provider: string,
  schema: T,
  payload: unknown,
  what: string,
): Static<T> {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(payload)) return payload;
  const first = check.Errors(payload).First();
  const where = first === undefined ? '' : ` at ${first.path || '/'}: ${first.message}`;
  throw new ProviderError(provider, 'malformed_response', `Unexpected ${what} shape${where}`);
}
