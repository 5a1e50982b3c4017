import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matches } from './match.js';
import { parseQuery, type Dialect } from './query.js';
import { fieldTokens } from './tokens.js';

const NEWSAPI: Dialect = { adjacent: 'AND' };
const GUARDIAN: Dialect = { adjacent: 'OR' };
const REDDIT: Dialect = { adjacent: 'AND', fieldOperators: true };

function hit(query: string, dialect: Dialect, text: string): boolean {
  const node = parseQuery(query, dialect);
  assert.ok(node, `query ${query} parsed to nothing`);
  return matches(node, [[fieldTokens(text), 1]]);
}

describe('query dialects', () => {
  const doc = 'Crypto markets rally as Ethereum climbs; Bitcoin flat';

  it('joins adjacent words with AND for NewsAPI and Reddit, OR for the Guardian', () => {
    assert.equal(hit('ethereum litecoin', NEWSAPI, doc), false);
    assert.equal(hit('ethereum litecoin', REDDIT, doc), false);
    assert.equal(hit('ethereum litecoin', GUARDIAN, doc), true);
    assert.equal(hit('ethereum crypto', NEWSAPI, doc), true);
  });

  it('supports AND, OR, NOT and parentheses (the NewsAPI docs example)', () => {
    assert.equal(hit('crypto AND (ethereum OR litecoin) NOT bitcoin', NEWSAPI, doc), false);
    assert.equal(hit('crypto AND (ethereum OR litecoin) NOT dogecoin', NEWSAPI, doc), true);
    assert.equal(hit('NOT bitcoin', NEWSAPI, doc), false);
  });

  it('binds AND tighter than the Guardian default OR', () => {
    // litecoin OR (rally AND dogecoin): neither side holds.
    assert.equal(hit('litecoin rally AND dogecoin', GUARDIAN, doc), false);
    assert.equal(hit('litecoin rally AND ethereum', GUARDIAN, doc), true);
  });

  it('treats +must and -mustnot Lucene-style, also under OR', () => {
    assert.equal(hit('+crypto -bitcoin', NEWSAPI, doc), false);
    assert.equal(hit('litecoin dogecoin -bitcoin', GUARDIAN, doc), false);
    assert.equal(hit('ethereum dogecoin -litecoin', GUARDIAN, doc), true);
    assert.equal(hit('dogecoin +ethereum', GUARDIAN, doc), true);
  });

  it('matches quoted phrases only in order and adjacent, case-insensitively', () => {
    assert.equal(hit('"ethereum climbs"', NEWSAPI, doc), true);
    assert.equal(hit('"climbs ethereum"', NEWSAPI, doc), false);
    assert.equal(hit('"CRYPTO MARKETS"', GUARDIAN, doc), true);
  });

  it('searches the text after a Reddit field operator', () => {
    assert.equal(hit('title:ethereum', REDDIT, doc), true);
    assert.equal(hit('title:ethereum', NEWSAPI, doc), false);
  });

  it('matches Chinese words as character sequences', () => {
    assert.equal(hit('经济', NEWSAPI, '国务院宣布新的经济刺激计划'), true);
    assert.equal(hit('济经', NEWSAPI, '国务院宣布新的经济刺激计划'), false);
  });

  it('parses empty or operator-only input to nothing and survives unbalanced syntax', () => {
    assert.equal(parseQuery('  ', NEWSAPI), null);
    assert.equal(parseQuery('AND OR', GUARDIAN), null);
    assert.equal(hit('(crypto OR "ethereum climbs', NEWSAPI, doc), true);
    assert.equal(hit('crypto)) rally', NEWSAPI, doc), true);
  });
});
