import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headlineToHtml, MARK_END, MARK_START } from './snippet.js';

describe('headlineToHtml', () => {
  it('escapes the text and turns only the sentinels into <mark> tags', () => {
    const headline = `<script>alert("x")</script> & ${MARK_START}budget${MARK_END} 'vote'`;
    assert.equal(
      headlineToHtml(headline),
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>budget</mark> &#39;vote&#39;',
    );
  });

  it('keeps the tags balanced whatever the sentinels look like', () => {
    assert.equal(headlineToHtml(`${MARK_END}a${MARK_START}b`), 'a<mark>b</mark>');
    assert.equal(headlineToHtml(`${MARK_START}${MARK_START}a${MARK_END}`), '<mark>a</mark>');
  });
});
