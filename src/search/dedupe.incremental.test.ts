import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ArticleDraft } from '../articles/article.js';
import { createDeduper, dedupe } from './dedupe.js';
import { googleNews, guardian, hoursAfterNoon, newsapi, reddit } from '../../test/dedupe-drafts.js';

// A small vocabulary, a few hosts and outlets: many pages share URLs and near-identical titles.
const WORDS = ['fed', 'raises', 'rates', 'storm', 'hits', 'coast', 'talks', 'in', 'geneva', 'the'];
const HOSTS = ['https://www.reuters.com', 'https://apnews.com', 'https://www.bbc.co.uk'];
const OUTLETS = ['Reuters', 'AP', 'BBC News'];

const sighting = fc.record({
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 6 }),
  suffix: fc.option(fc.constantFrom(...OUTLETS), { nil: undefined }),
  host: fc.nat(HOSTS.length - 1),
  path: fc.nat(3),
  opaque: fc.boolean(),
  hour: fc.nat(100),
});
type Sighting = typeof sighting extends fc.Arbitrary<infer T> ? T : never;

function page(provider: 'newsapi' | 'guardian' | 'reddit', items: readonly Sighting[]) {
  return items.map((s, i): ArticleDraft => {
    const title = s.words.join(' ') + (s.suffix === undefined ? '' : ` - ${s.suffix}`);
    const url = s.opaque ? googleNews(`${s.path}x${s.host}`) : `${HOSTS[s.host]}/story-${s.path}`;
    const extra = {
      publishedAt: hoursAfterNoon(s.hour),
      source: { providerId: `${provider}-${i}` },
    };
    if (provider === 'newsapi') return newsapi(url, title, OUTLETS[s.host] ?? 'Reuters', extra);
    if (provider === 'guardian') return guardian(url, title, extra);
    return reddit(url, title, 'worldnews', extra);
  });
}

describe('createDeduper', () => {
  it('groups pages added in any arrival order exactly as dedupe groups them concatenated', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.array(sighting, { maxLength: 25 }),
          fc.array(sighting, { maxLength: 25 }),
          fc.array(sighting, { maxLength: 25 }),
        ),
        fc.constantFrom([0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]),
        ([a, b, c], arrival) => {
          const pages = [page('newsapi', a), page('guardian', b), page('reddit', c)];
          const deduper = createDeduper();
          for (const block of arrival) deduper.add(pages[block] ?? [], block);
          assert.deepEqual(deduper.groups(), dedupe(pages.flat()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges across pages: the same URL from two providers is one story', () => {
    const deduper = createDeduper();
    const url = 'https://www.reuters.com/markets/fed-raises';
    deduper.add([guardian(url, 'Fed raises rates')], 1);
    deduper.add([newsapi(url, 'Fed raises rates', 'Reuters')], 0);
    const groups = deduper.groups();
    assert.equal(groups.length, 1);
    // The newsapi page comes first in request order, though it arrived last.
    assert.deepEqual(groups[0]?.story.providers, ['newsapi', 'guardian']);
  });
});
