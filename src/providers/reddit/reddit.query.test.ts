import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../query.js';
import { listingLimit, renderRedditQuery, searchParams, searchWindow } from './reddit.query.js';

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('renderRedditQuery', () => {
  it('joins words with AND, clauses with OR, exclusions as AND NOT and quotes phrases', () => {
    assert.equal(
      renderRedditQuery(parseQuery('climate "sea ice" -arctic OR glaciers melt')),
      '(climate AND "sea ice" AND NOT arctic) OR (glaciers AND melt)',
    );
  });

  it('quotes words that Reddit would read as operators, whatever their case', () => {
    assert.equal(renderRedditQuery(parseQuery('rock and OR roll')), '(rock AND "and") OR roll');
  });

  it('cannot produce field operators such as subreddit: or self:', () => {
    assert.equal(
      renderRedditQuery(parseQuery('subreddit:news self:yes')),
      '"subreddit news" AND "self yes"',
    );
  });
});

describe('searchWindow', () => {
  it('picks the narrowest t window that still reaches back to from', () => {
    assert.equal(searchWindow(undefined, now), 'all');
    assert.equal(searchWindow(hoursAgo(0.5), now), 'hour');
    assert.equal(searchWindow(hoursAgo(1.5), now), 'day');
    assert.equal(searchWindow(hoursAgo(24 * 6), now), 'week');
    assert.equal(searchWindow(hoursAgo(24 * 27), now), 'month');
    assert.equal(searchWindow(hoursAgo(24 * 30), now), 'year');
    assert.equal(searchWindow(hoursAgo(24 * 400), now), 'all');
  });
});

describe('searchParams', () => {
  it('searches links by relevance over the whole window by default', () => {
    assert.deepEqual(searchParams({ q: 'ceasefire', pageSize: 20 }, now, false), {
      q: 'ceasefire',
      sort: 'relevance',
      t: 'all',
      limit: '25',
      type: 'link',
    });
  });

  it('sorts by new within a day and by relevance with t for wider windows', () => {
    const recent = searchParams({ q: 'x', from: hoursAgo(3), pageSize: 10 }, now, false);
    assert.deepEqual([recent?.sort, recent?.t], ['new', 'day']);
    const week = searchParams({ q: 'x', from: hoursAgo(72), pageSize: 10 }, now, false);
    assert.deepEqual([week?.sort, week?.t], ['relevance', 'week']);
  });

  it('asks for NSFW results only when the client includes them', () => {
    assert.equal(searchParams({ q: 'x', pageSize: 5 }, now, true)?.include_over_18, 'on');
    assert.equal(searchParams({ q: 'x', pageSize: 5 }, now, false)?.include_over_18, undefined);
  });

  it('returns null when nothing can match', () => {
    assert.equal(searchParams({ q: '-sport', pageSize: 5 }, now, false), null);
    assert.equal(
      searchParams({ q: 'x', from: hoursAgo(1), to: hoursAgo(2), pageSize: 5 }, now, false),
      null,
    );
  });

  it('refuses queries longer than Reddit accepts', () => {
    assert.throws(() => searchParams({ q: 'word '.repeat(120), pageSize: 5 }, now, false), {
      kind: 'bad_request',
    });
  });
});

describe('listingLimit', () => {
  it('asks for a few extra items to cover drops, within 1..100', () => {
    assert.equal(listingLimit(10), 15);
    assert.equal(listingLimit(0), 6);
    assert.equal(listingLimit(100), 100);
    assert.equal(listingLimit(Number.NaN), 100);
  });
});
