import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selftextHtml } from './markdown.js';
import { float, toRedditJson } from './serialize.js';

describe('Reddit JSON serialisation', () => {
  it('writes whole floats with .0 and drops undefined keys', () => {
    const text = toRedditJson(
      { created_utc: float(1701025563), ratio: 0.97, gone: undefined },
      true,
    );
    assert.equal(text, '{"created_utc": 1701025563.0, "ratio": 0.97}');
  });

  it('entity-encodes & < > in every string unless raw_json, and leaves quotes alone', () => {
    const value = { title: 'Q&A: <b>"x"</b>', nested: [{ url: 'https://x.example/?a=1&b=2' }] };
    const legacy = JSON.parse(toRedditJson(value, false));
    assert.equal(legacy.title, 'Q&amp;A: &lt;b&gt;"x"&lt;/b&gt;');
    assert.equal(legacy.nested[0].url, 'https://x.example/?a=1&amp;b=2');
    assert.deepEqual(JSON.parse(toRedditJson(value, true)), value);
  });

  it('double-escapes selftext_html without raw_json', () => {
    const html = selftextHtml('Costs > benefits & more');
    assert.equal(
      html,
      '<!-- SC_OFF --><div class="md"><p>Costs &gt; benefits &amp; more</p>\n</div><!-- SC_ON -->',
    );
    const legacy = JSON.parse(toRedditJson({ selftext_html: html }, false));
    assert.match(
      legacy.selftext_html,
      /^&lt;!-- SC_OFF --&gt;&lt;div class="md"&gt;&lt;p&gt;Costs &amp;gt; benefits &amp;amp; more/,
    );
  });
});
