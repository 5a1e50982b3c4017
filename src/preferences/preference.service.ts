import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import {
  PREFERENCE_KEYS,
  preferenceDefaults,
  preferenceKey,
  storedPreference,
  validatePreference,
  type PreferenceKey,
  type PreferenceValues,
} from './preference-registry.js';
import { deletePreference, listPreferences, upsertPreferences } from './preference.repository.js';

/** One preference as its owner sees it: what applies, the default, and whether they chose it. */
export interface PreferenceState<K extends PreferenceKey = PreferenceKey> {
  value: PreferenceValues[K];
  default: PreferenceValues[K];
  set: boolean;
  updatedAt: Date | null;
}

export type PreferenceStates = { [K in PreferenceKey]: PreferenceState<K> };

/** What searches read: every value in effect, and which of them the user chose. */
export interface EffectivePreferences {
  values: PreferenceValues;
  set: ReadonlySet<PreferenceKey>;
}

export interface PreferenceService {
  list(userId: string): Promise<PreferenceStates>;
  effective(userId: string): Promise<EffectivePreferences>;
  /** Validates and stores one value; 400 unknown_preference / invalid_preference. */
  set(
    userId: string,
    key: string,
    value: unknown,
  ): Promise<{ key: PreferenceKey } & PreferenceState>;
  /** Validates every key first and stores all or none. */
  patch(userId: string, changes: Readonly<Record<string, unknown>>): Promise<PreferenceStates>;
  /** Back to the default (also when it was not set). */
  reset(userId: string, key: string): Promise<void>;
}

export interface PreferenceServiceDeps {
  db: Db;
  clock: Clock;
  /** The providers this instance enables: the default of default_providers. */
  enabledProviders: readonly string[];
}

/** Per-user settings over a typed registry of known keys (preference-registry.ts). */
export function createPreferenceService(deps: PreferenceServiceDeps): PreferenceService {
  const { db, clock } = deps;
  const defaults = preferenceDefaults(deps.enabledProviders);

  async function list(userId: string): Promise<PreferenceStates> {
    const stored = new Map<string, { value: unknown; updatedAt: Date }>();
    for (const row of await listPreferences(db, userId)) stored.set(row.key, row);
    const states: Partial<Record<PreferenceKey, PreferenceState>> = {};
    for (const key of PREFERENCE_KEYS) {
      const row = stored.get(key);
      const value = row === undefined ? undefined : storedPreference(key, row.value);
      states[key] = {
        value: value ?? defaults[key],
        default: defaults[key],
        set: value !== undefined,
        updatedAt: value === undefined ? null : (row?.updatedAt ?? null),
      };
    }
    return states as PreferenceStates;
  }

  return {
    list,
    async effective(userId) {
      const states = await list(userId);
      const values = { ...defaults };
      const set = new Set<PreferenceKey>();
      for (const key of PREFERENCE_KEYS) {
        if (!states[key].set) continue;
        set.add(key);
        Object.assign(values, { [key]: states[key].value });
      }
      return { values, set };
    },
    async set(userId, key, value) {
      const known = preferenceKey(key);
      const valid = validatePreference(known, value);
      await upsertPreferences(db, userId, [{ key: known, value: valid }], clock.now());
      return { key: known, ...(await list(userId))[known] };
    },
    async patch(userId, changes) {
      const entries = Object.entries(changes).map(([key, value]) => {
        const known = preferenceKey(key);
        return { key: known, value: validatePreference(known, value) };
      });
      await upsertPreferences(db, userId, entries, clock.now());
      return list(userId);
    },
    async reset(userId, key) {
      await deletePreference(db, userId, preferenceKey(key));
    },
  };
}
