import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleDraft } from '../../test/factories.js';
import { mergeDrafts } from './article-batch.js';

describe('mergeDrafts', () => {
  it('folds sightings of one story into one row, first non-null field winning', () => {
    const first = articleDraft({ description: null, author: 'A' });
    const second = { ...first, title: 'Other title', description: 'D', author: 'B' };
    const { articles } = mergeDrafts([
      first,
      { ...second, source: { ...first.source, providerId: 'x' } },
    ]);
    assert.equal(articles.length, 1);
    assert.equal(articles[0]?.title, first.title);
    assert.equal(articles[0]?.description, 'D');
    assert.equal(articles[0]?.author, 'A');
  });

  it('keeps one source per provider id with the latest values and its first story', () => {
    const a = articleDraft({ source: { provider: 'reddit', providerId: 't3_1', score: 1 } });
    const b = articleDraft({ source: { provider: 'reddit', providerId: 't3_1', score: 9 } });
    const { sources } = mergeDrafts([a, b]);
    assert.equal(sources.length, 1);
    assert.equal(sources[0]?.score, 9);
    assert.equal(sources[0]?.canonicalUrl, a.canonicalUrl);
  });

  it('orders rows by their keys so concurrent batches lock in the same order', () => {
    const drafts = ['https://c.example/', 'https://a.example/', 'https://b.example/'].map((url) =>
      articleDraft({ url }),
    );
    assert.deepEqual(
      mergeDrafts(drafts).articles.map((a) => a.canonicalUrl),
      ['https://a.example/', 'https://b.example/', 'https://c.example/'],
    );
  });
});
