import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schemas the routes declare (read from the app's OpenAPI
 * document, so they are the TypeBox schemas the validator uses): values that fit the schema, and
 * values that break it on purpose (wrong types, missing required fields, unknown fields).
 */

/** The subset of JSON Schema our TypeBox route schemas use. */
export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
}

/** Any code unit at all: lone surrogates, NUL and control characters included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/**
 * Words the product knows (preference keys, provider ids, small ids of rows the tests create),
 * so generated values get past the domain's own checks often enough to reach the handlers.
 */
const vocabulary = fc.constantFrom(
  'climate',
  'sea ice',
  'en',
  'guardian',
  'newsapi',
  'reddit',
  'theme',
  'language',
  'history_enabled',
  'page_size',
  'outlets',
  'default_providers',
  'dark',
  '1',
  '2',
  '3',
  '24h',
  '7d',
);

/** Any JSON value, the domain's words and small numbers included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  vocabulary,
  fc.integer({ min: -5, max: 200 }),
  fc.boolean(),
  fc.array(vocabulary, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Strings that are likely to upset a parser, a query planner or a header. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "'",
    '\\',
    ':*',
    '&|!<->',
    '(((',
    "' or 1=1 --",
    '\u0000',
    '\ud800',
    'a\r\nx-injected: 1',
    '../../etc/passwd',
    '%2e%2e%2f',
    '__proto__',
    '',
    ' ',
    '-1',
    '1e309',
    'NaN',
  ),
);

/** A value of any JSON type, for "wrong type" substitutions. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  nastyString,
  fc.array(fc.oneof(fc.integer(), nastyString), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.integer(), { maxKeys: 3 }),
);

/** Values that satisfy `schema` (as far as the generators can tell). */
export function valid(schema: JsonSchema): fc.Arbitrary<unknown> {
  const base = validNonNull(schema);
  return schema.nullable === true ? fc.option(base, { nil: null }) : base;
}

function validNonNull(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map(valid));
  switch (schema.type ?? 'any') {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valid(schema.items ?? {}), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object':
      return validObject(schema);
    default:
      return anyValue;
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern !== undefined && schema.pattern !== '\\S') {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length <= (schema.maxLength ?? Infinity));
  }
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const text = fc.oneof(
    {
      arbitrary: vocabulary.filter((w) => w.length >= minLength && w.length <= maxLength),
      weight: 3,
    },
    fc.string({ minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
    fc.string({ unit: anyCodeUnit, minLength, maxLength }),
  );
  return schema.pattern === '\\S' ? text.filter((s) => /\S/.test(s)) : text;
}

function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    // A free-form object (PATCH /v1/preferences): keys from the domain's words as well.
    return fc.dictionary(fc.oneof(vocabulary, fc.string({ maxLength: 20 })), anyValue, {
      minKeys: 1,
      maxKeys: 2,
    });
  }
  const required = (schema.required ?? []).filter((k) => k in properties);
  const optional = names.filter((k) => !required.includes(k));
  // Few optional fields at a time: each can fail its own checks, so many at once rarely pass.
  const chosen = fc.oneof(
    fc.constant([]),
    fc.subarray(optional, { maxLength: Math.min(1, optional.length) }),
    fc.subarray(optional),
  );
  return chosen.chain((picked) =>
    fc.record(
      Object.fromEntries(
        [...required, ...picked].map((k) => [k, valid(properties[k] ?? {})] as const),
      ),
    ),
  );
}

/**
 * Values that break `schema` in one or more places: a property of the wrong type, a required one
 * missing, an unknown one added, or the whole value replaced.
 */
export function invalid(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.type !== 'object' || schema.properties === undefined) {
    return fc.oneof(wrongType, valid(schema));
  }
  const properties = schema.properties;
  const names = Object.keys(properties);
  const variants: fc.Arbitrary<unknown>[] = [
    wrongType,
    fc
      .tuple(validObject(schema), fc.subarray(names), fc.dictionary(nastyString, wrongType))
      .chain(([object, broken, extra]) =>
        fc.record(Object.fromEntries(broken.map((k) => [k, wrongType]))).map((wrong) => ({
          ...object,
          ...extra,
          ...wrong,
        })),
      ),
  ];
  const required = schema.required ?? [];
  if (required.length > 0) {
    variants.push(
      validObject(schema).chain((object) =>
        fc
          .subarray(required, { minLength: 1 })
          .map((missing) =>
            Object.fromEntries(Object.entries(object).filter(([k]) => !missing.includes(k))),
          ),
      ),
    );
  }
  return fc.oneof(...variants);
}

/** Either kind, weighted toward the broken ones (those find more). */
export function anyInput(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid(schema), weight: 2 },
    { arbitrary: invalid(schema), weight: 3 },
  );
}
