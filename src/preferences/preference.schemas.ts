import { Type, type TSchema } from '@sinclair/typebox';
import { PREFERENCE_KEYS, PREFERENCES, type PreferenceKey } from './preference-registry.js';

const DateTime = () => Type.Unsafe<Date>(Type.String({ format: 'date-time' }));

function stateSchema(value: TSchema) {
  return Type.Object({
    value: Type.Unsafe<unknown>(value),
    default: Type.Unsafe<unknown>(value),
    set: Type.Boolean({ description: 'True when the user chose the value; false: the default.' }),
    updatedAt: Type.Union([DateTime(), Type.Null()]),
  });
}

const states = Object.fromEntries(
  PREFERENCE_KEYS.map((key) => [key, stateSchema(PREFERENCES[key].schema)]),
) as Record<PreferenceKey, ReturnType<typeof stateSchema>>;

export const PreferencesResponse = Type.Object({
  preferences: Type.Object(states, { description: 'Every known preference, by key.' }),
});

export const PreferenceResponse = Type.Object({
  key: Type.String(),
  ...stateSchema(Type.Unknown()).properties,
});

export const PreferenceKeyParams = Type.Object(
  { key: Type.String({ maxLength: 100, description: 'Preference key, e.g. theme.' }) },
  { additionalProperties: false },
);

export const PutPreferenceBody = Type.Object(
  { value: Type.Unknown({ description: 'The new value; its type depends on the key.' }) },
  { additionalProperties: false },
);

export const PatchPreferencesBody = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  minProperties: 1,
  description: 'key: value pairs; all are validated before any is stored.',
});
