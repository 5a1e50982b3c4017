import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl } from '../../articles/canonical-url.js';
import { anchorFor, buildCorpus, corpusFor } from './corpus.js';
import type { Corpus } from './story.js';
import { urlVariant, type VariantKind } from './urls.js';

const NOW = new Date('2026-03-14T15:30:00Z');
const ANCHOR = anchorFor(NOW);

// The generated content, without the lazily built search tokens.
function fingerprint(corpus: Corpus) {
  return {
    stories: corpus.stories.map((s) => [
      s.id,
      s.title,
      s.description,
      s.paragraphs,
      s.authors,
      s.url,
      s.publishedAt,
      s.imageUrl,
      s.outlet.name,
      s.guardian,
    ]),
    posts: corpus.posts.map((p) => [
      p.id,
      p.kind,
      p.subreddit.name,
      p.title,
      p.author,
      p.url,
      p.selftext,
      p.createdUtc,
      p.score,
      p.parent?.id,
    ]),
  };
}

describe('sandbox corpus', () => {
  const corpus = corpusFor('newsroom', NOW);

  it('is identical for the same seed and day, and different for another seed', () => {
    assert.deepEqual(fingerprint(buildCorpus('newsroom', ANCHOR)), fingerprint(corpus));
    const other = fingerprint(buildCorpus('another-seed', ANCHOR));
    assert.notDeepEqual(other.stories.slice(0, 50), fingerprint(corpus).stories.slice(0, 50));
  });

  it('caches per seed and UTC day', () => {
    assert.equal(corpusFor('newsroom', new Date('2026-03-14T23:59:00Z')), corpus);
    assert.notEqual(corpusFor('newsroom', new Date('2026-03-15T00:00:01Z')), corpus);
  });

  it('builds 3,000 stories for any seed', () => {
    // How fast is a benchmark's question, not a test's (the sandbox builds it once per day).
    const fresh = buildCorpus('another-seed', ANCHOR);
    assert.equal(fresh.stories.length, 3000);
  });

  it('dates everything in the 60 days before the start of the UTC day', () => {
    const earliest = ANCHOR - 60 * 86_400_000;
    assert.ok(corpus.stories.every((s) => s.publishedAt < ANCHOR && s.publishedAt >= earliest));
    assert.ok(corpus.posts.every((p) => p.createdUtc * 1000 < ANCHOR));
    const lastDay = corpus.stories.filter((s) => s.publishedAt >= ANCHOR - 86_400_000).length;
    assert.ok(lastDay > 50, `only ${lastDay} stories in the last day`);
  });

  it('mixes languages, scripts, emoji, long titles and typographic punctuation', () => {
    const languages = new Set(corpus.stories.map((s) => s.language));
    assert.deepEqual([...languages].sort(), ['ar', 'de', 'en', 'es', 'fr', 'it', 'ru', 'zh']);
    assert.ok(corpus.stories.some((s) => /\p{Script=Arabic}/u.test(s.title)));
    assert.ok(corpus.stories.some((s) => /\p{Extended_Pictographic}/u.test(s.title)));
    assert.ok(corpus.stories.some((s) => s.title.length > 200));
    assert.ok(corpus.stories.some((s) => /[’“”–]/.test(s.title)));
    assert.ok(corpus.stories.some((s) => s.title.includes('&')));
    assert.equal(new Set(corpus.stories.map((s) => s.title)).size, corpus.stories.length);
  });

  it('gives the Guardian a share of stories with opinion, live blogs and hosted pieces', () => {
    const guardian = corpus.stories.filter((s) => s.guardian !== null);
    assert.ok(
      guardian.length > 500 && guardian.length < 900,
      `${guardian.length} Guardian stories`,
    );
    assert.ok(
      guardian.some((s) => s.kind === 'opinion' && s.guardian?.sectionId === 'commentisfree'),
    );
    assert.ok(guardian.some((s) => s.kind === 'liveblog' && s.url.includes('/live/')));
    assert.ok(guardian.some((s) => s.guardian?.isHosted === true && s.guardian.pillar === null));
  });

  it('includes every awkward kind of Reddit post', () => {
    const { posts } = corpus;
    for (const kind of ['link', 'self', 'crosspost', 'image'] as const) {
      assert.ok(
        posts.some((p) => p.kind === kind),
        kind,
      );
    }
    assert.ok(posts.some((p) => p.author === '[deleted]' && p.removedByCategory === 'deleted'));
    assert.ok(posts.some((p) => p.removedByCategory === 'moderator'));
    assert.ok(posts.some((p) => p.over18));
    assert.ok(posts.some((p) => p.stickied));
    // Ids grow with creation time, as Reddit's do.
    const ids = posts.map((p) => parseInt(p.id, 36));
    assert.ok(ids.every((id, i) => i === 0 || id < (ids[i - 1] ?? 0)));
  });

  it('hands out URL variants that all canonicalise to the story URL', () => {
    const kinds: VariantKind[] = [
      'canonical',
      'tracking',
      'amp',
      'mobile',
      'slash',
      'fragment',
      'http',
      'www',
    ];
    for (const story of corpus.stories) {
      const canonical = canonicalUrl(story.url);
      for (const kind of kinds) {
        const variant = urlVariant(story.url, story.outlet, kind);
        assert.equal(
          canonicalUrl(variant),
          canonical,
          `${kind} variant ${variant} of ${story.url}`,
        );
      }
    }
    const linked = corpus.posts.filter(
      (p) => p.kind === 'link' && p.story !== null && p.url !== p.story.url,
    );
    assert.ok(linked.length > 200, 'Reddit links to variant URLs');
  });
});
