import { Type } from '@sinclair/typebox';

/** A Date in code, an RFC 3339 string on the wire (fast-json-stringify serialises it). */
const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));
const NullableDateTime = () =>
  Type.Unsafe<Date | null>(Type.Union([Type.String({ format: 'date-time' }), Type.Null()]));

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      // At least one visible character; the name is stored trimmed.
      pattern: '\\S',
      description: 'What the key is for ("newsletter script"), so you can tell keys apart.',
      examples: ['newsletter script'],
    }),
  },
  { additionalProperties: false },
);

export const ApiKeyIdParams = Type.Object({
  id: Type.String({ description: 'The key id from the list (a decimal string).' }),
});

const apiKeyFields = {
  id: Type.String({ description: 'Stable key id (a decimal string).' }),
  name: Type.String(),
  prefix: Type.String({
    description: 'The first characters of the key, to tell keys apart.',
    examples: ['nrk_3fQ9xk2A'],
  }),
  createdAt: DateTime(),
  lastUsedAt: NullableDateTime(),
  revokedAt: NullableDateTime(),
};

/** A key as listed: never the key itself, nor its hash. */
export const ApiKeySchema = Type.Object(apiKeyFields, { additionalProperties: false });

export const ApiKeyListResponse = Type.Object({ apiKeys: Type.Array(ApiKeySchema) });

export const CreatedApiKeyResponse = Type.Object(
  {
    ...apiKeyFields,
    key: Type.String({
      description:
        'The whole key, shown this once: send it as "Authorization: Bearer <key>". Only its ' +
        'SHA-256 is stored, so it cannot be shown again.',
    }),
  },
  { additionalProperties: false },
);
