import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText, collapseWhitespace, htmlToText } from './text.js';

// Text without markup takes a short cut past the HTML parser (and tidy text past the folding):
// the same text wrapped in an inline element takes the parser's way, so the two must agree.
const PLAIN = [
  'Rates rise again',
  '  Rates   rise\tagain \n',
  'Zero\u200Bwidth and\uFEFF BOM',
  'NBSP\u00A0and\u2003em space',
  'Emoji 📈 and 東京, quotes “like these” — and a dash',
  'A > B, but no tag',
  '',
  '   ',
];

describe('provider text clean-up', () => {
  for (const text of PLAIN) {
    it(`reads ${JSON.stringify(text)} the same with or without the parser`, () => {
      assert.equal(htmlToText(text), htmlToText(`<span>${text}</span>`));
    });
  }

  it('folds whitespace and drops zero-width characters, or only trims tidy text', () => {
    assert.equal(collapseWhitespace('  a\u00A0 b\r\n\tc\u200Bd  '), 'a b cd');
    assert.equal(collapseWhitespace(' tidy text '), 'tidy text');
    assert.equal(collapseWhitespace('\uFEFFx'), 'x');
    // One odd character each, nothing else to give them away.
    assert.equal(collapseWhitespace('a\u00A0b'), 'a b');
    assert.equal(collapseWhitespace('a\tb'), 'a b');
    assert.equal(collapseWhitespace('a\u200Bb'), 'ab');
  });

  it('still parses tags and entities', () => {
    assert.equal(htmlToText('<p>Rates &amp; bonds</p><p>rise</p>'), 'Rates & bonds rise');
    assert.equal(htmlToText('Tom &#8217;s <script>x()</script>story'), 'Tom ’s story');
    assert.equal(cleanText('<b></b> '), null);
  });
});
