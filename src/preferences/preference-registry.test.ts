import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import {
  PREFERENCE_KEYS,
  preferenceDefaults,
  preferenceKey,
  storedPreference,
  validatePreference,
  type PreferenceKey,
} from './preference-registry.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
}

describe('preference registry', () => {
  it('knows exactly the documented keys, and every default validates', () => {
    assert.deepEqual(PREFERENCE_KEYS, [
      'default_providers',
      'language',
      'excluded_outlets',
      'results_per_page',
      'history_enabled',
      'theme',
    ]);
    const defaults = preferenceDefaults(['reddit', 'guardian']);
    assert.deepEqual(defaults.default_providers, ['guardian', 'reddit']);
    for (const key of PREFERENCE_KEYS) {
      assert.notEqual(storedPreference(key, defaults[key]), undefined, key);
    }
  });

  it('refuses unknown keys, including inherited property names', () => {
    for (const key of ['colour', '__proto__', 'toString', 'constructor', '']) {
      assert.equal(
        codeOf(() => preferenceKey(key)),
        'unknown_preference',
        key,
      );
    }
    assert.equal(preferenceKey('theme'), 'theme');
  });

  it('accepts valid values in their one stored spelling', () => {
    assert.deepEqual(validatePreference('default_providers', [' Guardian', 'newsapi']), [
      'guardian',
      'newsapi',
    ]);
    assert.equal(validatePreference('language', 'EN'), 'en');
    assert.equal(validatePreference('language', null), null);
    assert.deepEqual(validatePreference('excluded_outlets', [' Daily Mail ']), ['Daily Mail']);
    assert.equal(validatePreference('results_per_page', 100), 100);
    assert.equal(validatePreference('history_enabled', false), false);
    assert.equal(validatePreference('theme', 'dark'), 'dark');
  });

  it('refuses wrong types and out-of-range values with invalid_preference naming the key', () => {
    const bad: [PreferenceKey, unknown][] = [
      ['default_providers', []],
      ['default_providers', ['guardian', 'guardian']],
      ['default_providers', ['bbc']],
      ['default_providers', 'guardian'],
      ['default_providers', ['guardian', 'newsapi', 'reddit', 'guardian']],
      ['language', 'eng'],
      ['language', 'e1'],
      ['language', 7],
      ['excluded_outlets', ['']],
      ['excluded_outlets', ['x'.repeat(101)]],
      ['excluded_outlets', Array.from({ length: 101 }, (_, i) => `o${i}`)],
      ['excluded_outlets', [1]],
      ['results_per_page', 0],
      ['results_per_page', 101],
      ['results_per_page', 2.5],
      ['results_per_page', '20'],
      ['history_enabled', 'false'],
      ['history_enabled', null],
      ['theme', 'blue'],
      ['theme', undefined],
    ];
    for (const [key, value] of bad) {
      try {
        validatePreference(key, value);
        assert.fail(`${key}=${JSON.stringify(value)} was accepted`);
      } catch (error) {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'invalid_preference');
        assert.match(error.message, new RegExp(`^Preference ${key} must be`));
      }
    }
  });

  it('treats a stored value the registry no longer accepts as unset', () => {
    assert.equal(storedPreference('default_providers', ['retired-provider']), undefined);
    assert.equal(storedPreference('results_per_page', 500), undefined);
  });
});
