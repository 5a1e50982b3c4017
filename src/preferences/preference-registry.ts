import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from '../errors.js';
import { providerRegistrations } from '../providers/registry.js';

/**
 * Every preference the product knows: one TypeBox schema, one default and one sentence of what a
 * valid value looks like per key. Values arrive as JSON and are stored as JSON (jsonb); only
 * values this registry accepts are ever written.
 */
export interface PreferenceValues {
  /** Providers a live search asks when it names none. */
  default_providers: string[];
  /** Language a search uses when it names none; null means any. */
  language: string | null;
  /** Outlets whose stories are removed from search pages (compared case-insensitively). */
  excluded_outlets: string[];
  /** `limit` of a search that gives none. */
  results_per_page: number;
  /** Whether searches are recorded in the search history. */
  history_enabled: boolean;
  theme: 'light' | 'dark' | 'system';
}

export type PreferenceKey = keyof PreferenceValues;

interface PreferenceDefinition {
  schema: TSchema;
  /** What a valid value is, for the 400 message. */
  expects: string;
  /** Applied before validation: the one spelling stored. */
  normalise?: (value: unknown) => unknown;
}

const knownProviders = providerRegistrations.map((r) => r.id);

/** Registry order is the order GET /v1/preferences lists them in. */
export const PREFERENCES: Readonly<Record<PreferenceKey, PreferenceDefinition>> = {
  default_providers: {
    schema: Type.Array(Type.Union(knownProviders.map((id) => Type.Literal(id))), {
      minItems: 1,
      maxItems: knownProviders.length,
      uniqueItems: true,
    }),
    expects: `an array of 1-${knownProviders.length} distinct provider ids from: ${knownProviders.join(', ')}`,
    normalise: eachItem(lowerTrimmed),
  },
  language: {
    schema: Type.Union([Type.String({ pattern: '^[a-z]{2}$' }), Type.Null()]),
    expects: 'a 2-letter ISO 639-1 language code (e.g. "en") or null',
    normalise: lowerTrimmed,
  },
  excluded_outlets: {
    schema: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
    expects: 'an array of at most 100 outlet names, each 1-100 characters',
    normalise: eachItem((o) => (typeof o === 'string' ? o.trim() : o)),
  },
  results_per_page: {
    schema: Type.Integer({ minimum: 1, maximum: 100 }),
    expects: 'an integer from 1 to 100',
  },
  history_enabled: { schema: Type.Boolean(), expects: 'true or false' },
  theme: {
    schema: Type.Union([Type.Literal('light'), Type.Literal('dark'), Type.Literal('system')]),
    expects: 'one of "light", "dark", "system"',
  },
};

export const PREFERENCE_KEYS = Object.keys(PREFERENCES) as PreferenceKey[];

/** The value of every key nobody set; default_providers follows the providers enabled here. */
export function preferenceDefaults(enabledProviders: readonly string[]): PreferenceValues {
  return {
    default_providers: [...enabledProviders].sort(),
    language: null,
    excluded_outlets: [],
    results_per_page: 20,
    history_enabled: true,
    theme: 'system',
  };
}

export function isPreferenceKey(key: string): key is PreferenceKey {
  return Object.hasOwn(PREFERENCES, key);
}

/** The key, or 400 unknown_preference listing the known ones. */
export function preferenceKey(key: string): PreferenceKey {
  if (isPreferenceKey(key)) return key;
  throw new AppError(
    'unknown_preference',
    `No preference '${key.slice(0, 100)}' (known: ${PREFERENCE_KEYS.join(', ')})`,
  );
}

/** The value in its stored spelling, or 400 invalid_preference naming the key. */
export function validatePreference<K extends PreferenceKey>(
  key: K,
  value: unknown,
): PreferenceValues[K] {
  const definition = PREFERENCES[key];
  const normalised = definition.normalise === undefined ? value : definition.normalise(value);
  if (!Value.Check(definition.schema, normalised)) {
    throw new AppError('invalid_preference', `Preference ${key} must be ${definition.expects}`);
  }
  return normalised as PreferenceValues[K];
}

/** A stored value that still validates (the registry may have narrowed since), else undefined. */
export function storedPreference<K extends PreferenceKey>(
  key: K,
  value: unknown,
): PreferenceValues[K] | undefined {
  return Value.Check(PREFERENCES[key].schema, value) ? (value as PreferenceValues[K]) : undefined;
}

function lowerTrimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toLowerCase() : value;
}

function eachItem(normalise: (item: unknown) => unknown): (value: unknown) => unknown {
  return (value) => (Array.isArray(value) ? (value as unknown[]).map(normalise) : value);
}
