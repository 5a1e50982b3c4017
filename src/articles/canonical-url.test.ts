import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, isOpaqueUrl } from './canonical-url.js';

describe('canonicalUrl', () => {
  const same: [string, string][] = [
    ['http://www.example.com/world/story', 'https://example.com/world/story'],
    ['https://m.example.com/world/story/', 'https://example.com/world/story'],
    [
      'https://amp.theguardian.com/world/2026/mar/14/x',
      'https://theguardian.com/world/2026/mar/14/x',
    ],
    ['https://example.com/world/story/amp', 'https://example.com/world/story'],
    ['https://example.com/amp/world/story', 'https://example.com/world/story'],
    ['https://example.com/world/story.amp', 'https://example.com/world/story'],
    ['https://example.com/story?outputType=amp', 'https://example.com/story'],
    [
      'https://example.com/story?utm_source=tw&utm_medium=social&id=7',
      'https://example.com/story?id=7',
    ],
    ['https://example.com/story?CMP=share_btn_tw', 'https://example.com/story'],
    ['https://example.com/story?fbclid=abc&ocid=x&gclid=y', 'https://example.com/story'],
    ['https://example.com/story#comments', 'https://example.com/story'],
    ['https://EXAMPLE.com:443/story', 'https://example.com/story'],
    ['http://example.com:80/story', 'https://example.com/story'],
    ['https://example.com/story?b=2&a=1', 'https://example.com/story?a=1&b=2'],
    ['https://example.com/a?x=1&amp;utm_source=rss', 'https://example.com/a?x=1'],
    ['/r/worldnews/comments/abc/slug/', 'https://reddit.com/r/worldnews/comments/abc/slug'],
  ];
  for (const [input, expected] of same) {
    it(`maps ${input} to ${expected}`, () => {
      assert.equal(canonicalUrl(input), expected);
    });
  }

  it('keeps the root path and meaningful parameters', () => {
    assert.equal(canonicalUrl('https://www.example.com/'), 'https://example.com/');
    assert.equal(
      canonicalUrl('https://example.com/search?q=rates'),
      'https://example.com/search?q=rates',
    );
  });

  it('rejects what is not an http(s) URL', () => {
    assert.equal(canonicalUrl('javascript:alert(1)'), null);
    assert.equal(canonicalUrl('data:text/html,hi'), null);
    assert.equal(canonicalUrl('http://[::1'), null);
  });

  it('flags Google News redirects and consent walls as opaque', () => {
    const google = canonicalUrl('https://news.google.com/rss/articles/CBMiabc?oc=5');
    assert.ok(google !== null && isOpaqueUrl(google));
    const consent = canonicalUrl('https://consent.yahoo.com/v2/collectConsent?sessionId=3_cc');
    assert.ok(consent !== null && isOpaqueUrl(consent));
    assert.equal(isOpaqueUrl('https://example.com/story'), false);
  });
});
