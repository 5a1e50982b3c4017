import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ConfigError } from '../config.js';
import { createTokenCipher, TokenCipherError } from './token-cipher.js';

const silent = pino({ level: 'silent' });
const key = () => randomBytes(32).toString('base64');

describe('token cipher (AES-256-GCM envelopes)', () => {
  it('round-trips a token and names the encrypting key in the envelope', () => {
    const cipher = createTokenCipher(`k2024:${key()}`, silent);
    const envelope = cipher.encrypt('refresh-token-éü-123');
    assert.match(envelope, /^v1\.k2024\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.equal(cipher.decrypt(envelope), 'refresh-token-éü-123');
    assert.ok(!envelope.includes('refresh-token'));
  });

  it('uses a fresh IV for every message', () => {
    const cipher = createTokenCipher(`a:${key()}`, silent);
    assert.notEqual(cipher.encrypt('same'), cipher.encrypt('same'));
  });

  it('detects a change to any character of the envelope', () => {
    const cipher = createTokenCipher(`a:${key()}`, silent);
    const envelope = cipher.encrypt('secret-token');
    for (let i = 0; i < envelope.length; i++) {
      const original = envelope.charAt(i);
      const replacement = original === 'A' ? 'B' : original === '.' ? '_' : 'A';
      const tampered = envelope.slice(0, i) + replacement + envelope.slice(i + 1);
      assert.throws(() => cipher.decrypt(tampered), TokenCipherError, `position ${i}`);
    }
  });

  it('refuses an envelope moved to another context', () => {
    const cipher = createTokenCipher(`a:${key()}`, silent);
    const envelope = cipher.encrypt('secret-token', 'reddit:abc:refresh');
    assert.equal(cipher.decrypt(envelope, 'reddit:abc:refresh'), 'secret-token');
    assert.throws(() => cipher.decrypt(envelope, 'reddit:xyz:refresh'), TokenCipherError);
    assert.throws(() => cipher.decrypt(envelope), TokenCipherError);
  });

  it('still decrypts with the old key after a new one is put first', () => {
    const oldKey = key();
    const before = createTokenCipher(`old:${oldKey}`, silent);
    const envelope = before.encrypt('issued-last-year');
    const after = createTokenCipher(`new:${key()},old:${oldKey}`, silent);
    assert.equal(after.decrypt(envelope), 'issued-last-year');
    assert.match(after.encrypt('fresh'), /^v1\.new\./);
  });

  it('refuses an envelope whose key id is not configured', () => {
    const envelope = createTokenCipher(`gone:${key()}`, silent).encrypt('token');
    const cipher = createTokenCipher(`current:${key()}`, silent);
    assert.throws(() => cipher.decrypt(envelope), /No decryption key with id "gone"/);
  });

  it('refuses keys that are not exactly 32 bytes, naming each by id and never by value', () => {
    const short = randomBytes(16).toString('base64');
    assert.throws(
      () => createTokenCipher(`ok:${key()},short:${short},bad:not*base64`, silent),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 2);
        assert.match(error.problems[0] ?? '', /key "short" must be exactly 32 bytes/);
        assert.ok(!error.message.includes(short));
        return true;
      },
    );
    assert.throws(() => createTokenCipher(`a:${key()},a:${key()}`, silent), /appears twice/);
  });

  it('accepts base64url keys as well as base64', () => {
    const cipher = createTokenCipher(`u:${randomBytes(32).toString('base64url')}`, silent);
    assert.equal(cipher.decrypt(cipher.encrypt('x')), 'x');
  });

  it('makes a per-process key when unset, and warns once that links will not survive a restart', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const first = createTokenCipher(undefined, log);
    const envelope = first.encrypt('token');
    assert.equal(first.decrypt(envelope), 'token');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /sign in again after a restart/);
    const restarted = createTokenCipher(undefined, log);
    assert.throws(() => restarted.decrypt(envelope), TokenCipherError);
  });
});
