import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOAuthStore } from './oauth-store.js';

const CLIENT = 'client';
const URI = 'http://127.0.0.1/cb';

function setup() {
  let now = Date.UTC(2026, 2, 14, 12);
  const store = createOAuthStore(() => new Date(now), 3600);
  const code = () =>
    store.issueCode({
      clientId: CLIENT,
      redirectUri: URI,
      scopes: ['read'],
      permanent: true,
      user: 'alice',
    });
  return { store, code, advance: (ms: number) => (now += ms) };
}

describe('Reddit OAuth store', () => {
  it('redeems a code once; reusing it revokes the tokens it produced', () => {
    const { store, code } = setup();
    const c = code();
    const first = store.redeemCode(c, CLIENT, URI);
    assert.ok(first?.refresh_token);
    assert.ok(store.authenticate(first.access_token));
    assert.equal(store.redeemCode(c, CLIENT, URI), null);
    assert.equal(store.authenticate(first.access_token), null);
    assert.equal(store.refresh(first.refresh_token, CLIENT), null);
  });

  it('rejects a code after ten minutes or with another redirect_uri', () => {
    const { store, code, advance } = setup();
    const mismatched = code();
    assert.equal(store.redeemCode(mismatched, CLIENT, `${URI}/other`), null);
    const late = code();
    advance(10 * 60 * 1000 + 1);
    assert.equal(store.redeemCode(late, CLIENT, URI), null);
  });

  it('rotates refresh tokens and expires access tokens on the clock', () => {
    const { store, code, advance } = setup();
    const issued = store.redeemCode(code(), CLIENT, URI);
    assert.ok(issued?.refresh_token);
    const refreshed = store.refresh(issued.refresh_token, CLIENT);
    assert.ok(refreshed?.refresh_token);
    assert.notEqual(refreshed.refresh_token, issued.refresh_token);
    assert.equal(store.refresh(issued.refresh_token, CLIENT), null);
    advance(3600 * 1000);
    assert.equal(store.authenticate(refreshed.access_token), null);
  });

  it('revokes every access token of a grant with its refresh token', () => {
    const { store, code } = setup();
    const issued = store.redeemCode(code(), CLIENT, URI);
    assert.ok(issued?.refresh_token);
    const second = store.refresh(issued.refresh_token, CLIENT);
    assert.ok(second?.refresh_token);
    store.revoke(second.refresh_token);
    assert.equal(store.authenticate(issued.access_token), null);
    assert.equal(store.authenticate(second.access_token), null);
  });
});
