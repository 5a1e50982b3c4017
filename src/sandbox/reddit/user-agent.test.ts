import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeUserAgent } from './user-agent.js';

describe('Reddit User-Agent policy', () => {
  it('blocks missing and very short agents', () => {
    assert.equal(judgeUserAgent(undefined), 'blocked');
    assert.equal(judgeUserAgent('bot/1'), 'blocked');
  });

  it('throttles generic HTTP library agents', () => {
    for (const agent of [
      'node',
      'undici',
      'axios/1.7.2',
      'python-requests/2.31.0',
      'curl/8.5.0',
      'node-fetch/1.0',
    ]) {
      assert.equal(judgeUserAgent(agent), agent.length < 7 ? 'blocked' : 'throttled', agent);
    }
  });

  it('lets descriptive agents through', () => {
    assert.equal(judgeUserAgent('web:com.example.news:v0.4.2 (by /u/newsagg_dev)'), 'ok');
  });
});
