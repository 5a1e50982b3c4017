import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnTo } from './return-to.js';

describe('safeReturnTo', () => {
  it('keeps same-site paths with their query and fragment', () => {
    assert.equal(safeReturnTo('/saved'), '/saved');
    assert.equal(
      safeReturnTo('/search?q=climate%20change&sort=recency#top'),
      '/search?q=climate%20change&sort=recency#top',
    );
    assert.equal(safeReturnTo('/'), '/');
  });

  it('sends everything that could leave the site to /', () => {
    for (const attempt of [
      undefined,
      '',
      '//evil.example',
      '//evil.example/path',
      '/\\evil.example',
      '/\\\\evil',
      '\\\\evil.example',
      'https://evil.example',
      'http:/evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/\tevil',
      '/ok\nSet-Cookie: x=1',
      '/\u0000',
      `/${'a'.repeat(2001)}`,
    ]) {
      assert.equal(safeReturnTo(attempt), '/', JSON.stringify(attempt));
    }
  });
});
