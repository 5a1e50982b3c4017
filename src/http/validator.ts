import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

const SHARED = {
  removeAdditional: false, // unknown fields are rejected, never silently dropped
  useDefaults: true,
  allErrors: false,
} as const;

type CompilerOptions = {
  onCreate?: never;
  plugins?: never;
  customOptions?: Record<string, unknown>;
};

/**
 * Two Ajv compilers: query strings, params and headers arrive as text, so they are coerced to the
 * schema's types ("20" -> 20, "a" -> ["a"]); JSON bodies already carry types, so a number sent as
 * a string there is a client bug and is rejected rather than guessed at.
 */
export function validatorCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const coercing = AjvCompiler();
  const strict = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator: (externalSchemas, ajvOptions) => {
        const options = ajvOptions as CompilerOptions;
        const text = coercing(externalSchemas, {
          ...options,
          customOptions: { ...options.customOptions, ...SHARED, coerceTypes: 'array' },
        });
        const json = strict(externalSchemas, {
          ...options,
          customOptions: { ...options.customOptions, ...SHARED, coerceTypes: false },
        });
        return (route) => (route.httpPart === 'body' ? json(route) : text(route));
      },
    },
  };
}
