import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../sandbox.js';
import {
  appToken,
  basicAuth,
  consent,
  REDIRECT_URI,
  redditGet,
  tokenRequest,
  USER_AGENT,
  userTokens,
  type TokenBody,
} from '../test-support.js';

describe('sandbox Reddit OAuth (www.reddit.com)', () => {
  let now = Date.parse('2026-03-14T12:00:00Z');
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ now: () => new Date(now), tokenLifetimeSeconds: 3600 });
  });
  after(() => sandbox.close());

  describe('POST /api/v1/access_token', () => {
    it('grants an app-only bearer token for client_credentials, scope "*" and no refresh token', async () => {
      const res = await tokenRequest(sandbox, { grant_type: 'client_credentials' });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await res.json()) as TokenBody;
      assert.equal(body.token_type, 'bearer');
      assert.equal(body.expires_in, 3600);
      assert.equal(body.scope, '*');
      assert.equal(body.refresh_token, undefined);
      assert.ok(body.access_token.length > 100);
    });

    it('answers wrong client credentials with 401 {"message":"Unauthorized","error":401}', async () => {
      const res = await fetch(`${sandbox.baseUrls.redditAuth}/api/v1/access_token`, {
        method: 'POST',
        headers: {
          authorization: basicAuth('sandbox-reddit-client', 'wrong'),
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': USER_AGENT,
        },
        body: 'grant_type=client_credentials',
      });
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { message: 'Unauthorized', error: 401 });
    });

    it('reads only form bodies: a JSON body is an unsupported grant (HTTP 200)', async () => {
      const res = await fetch(`${sandbox.baseUrls.redditAuth}/api/v1/access_token`, {
        method: 'POST',
        headers: {
          authorization: basicAuth(),
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
        },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { error: 'unsupported_grant_type' });
    });

    it('blocks an empty User-Agent', async () => {
      const res = await fetch(`${sandbox.baseUrls.redditAuth}/api/v1/access_token`, {
        method: 'POST',
        headers: {
          authorization: basicAuth(),
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': '',
        },
        body: 'grant_type=client_credentials',
      });
      assert.equal(res.status, 403);
      assert.match(await res.text(), /User-Agent is not empty/);
    });
  });

  describe('authorization code flow', () => {
    it('renders a consent page whose Allow button redirects with state and a code', async () => {
      const redirect = await consent(sandbox, { state: 'abc 123' });
      assert.equal(`${redirect.origin}${redirect.pathname}`, REDIRECT_URI);
      assert.equal(redirect.searchParams.get('state'), 'abc 123');
      assert.match(redirect.searchParams.get('code') ?? '', /^[\w-]{20,}$/);
      assert.equal(redirect.hash, '#_');
    });

    it('redirects with error=access_denied when the user declines', async () => {
      const redirect = await consent(sandbox, {}, 'Decline');
      assert.equal(redirect.searchParams.get('error'), 'access_denied');
      assert.equal(redirect.searchParams.get('state'), 'state-123');
      assert.equal(redirect.searchParams.get('code'), null);
    });

    it('shows an error page, not a redirect, for an unregistered redirect_uri or client_id', async () => {
      for (const params of [{ redirect_uri: `${REDIRECT_URI}/` }, { client_id: 'someone-else' }]) {
        const query = new URLSearchParams({
          client_id: 'sandbox-reddit-client',
          response_type: 'code',
          state: 's',
          redirect_uri: REDIRECT_URI,
          duration: 'permanent',
          scope: 'read',
          ...params,
        });
        const res = await fetch(
          `${sandbox.baseUrls.redditAuth}/api/v1/authorize?${query.toString()}`,
          { redirect: 'manual' },
        );
        assert.equal(res.status, 400);
        assert.match(await res.text(), /invalid (redirect_uri parameter|client id)/);
      }
    });

    it('redirects invalid_scope and unsupported_response_type back to the app', async () => {
      const base = {
        client_id: 'sandbox-reddit-client',
        state: 's',
        redirect_uri: REDIRECT_URI,
        duration: 'permanent',
      };
      const cases = [
        [{ ...base, response_type: 'code', scope: 'read teleport' }, 'invalid_scope'],
        [{ ...base, response_type: 'token', scope: 'read' }, 'unsupported_response_type'],
      ] as const;
      for (const [params, error] of cases) {
        const res = await fetch(
          `${sandbox.baseUrls.redditAuth}/api/v1/authorize.compact?${new URLSearchParams(params).toString()}`,
          { redirect: 'manual' },
        );
        assert.equal(res.status, 302);
        assert.equal(new URL(res.headers.get('location') ?? '').searchParams.get('error'), error);
      }
    });

    it('exchanges a code once for a permanent grant with the requested scopes', async () => {
      const redirect = await consent(sandbox, { scope: 'identity read' });
      const code = redirect.searchParams.get('code') ?? '';
      const res = await tokenRequest(sandbox, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as TokenBody;
      assert.deepEqual(body.scope.split(' ').sort(), ['identity', 'read']);
      assert.ok(body.refresh_token);
      const me = await redditGet(sandbox, '/api/v1/me', body.access_token);
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { name: string }).name, 'sandbox_reader');
    });

    it('revokes the tokens of a code that is used twice and answers the reuse 400', async () => {
      const redirect = await consent(sandbox, {});
      const form = {
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT_URI,
      };
      const first = (await (await tokenRequest(sandbox, form)).json()) as TokenBody;
      const again = await tokenRequest(sandbox, form);
      assert.equal(again.status, 400);
      assert.deepEqual(await again.json(), { message: 'Bad Request', error: 400 });
      assert.equal((await redditGet(sandbox, '/api/v1/me', first.access_token)).status, 401);
      const refresh = await tokenRequest(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      assert.equal(refresh.status, 400);
    });

    it('requires the same redirect_uri at the token endpoint as at authorize', async () => {
      const redirect = await consent(sandbox, {});
      const res = await tokenRequest(sandbox, {
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code') ?? '',
        redirect_uri: 'http://127.0.0.1:8080/other',
      });
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { message: 'Bad Request', error: 400 });
    });

    it('issues no refresh token for a temporary grant', async () => {
      const redirect = await consent(sandbox, { duration: 'temporary' });
      const body = (await (
        await tokenRequest(sandbox, {
          grant_type: 'authorization_code',
          code: redirect.searchParams.get('code') ?? '',
          redirect_uri: REDIRECT_URI,
        })
      ).json()) as TokenBody;
      assert.equal(body.refresh_token, undefined);
    });
  });

  describe('refresh and revocation', () => {
    it('rotates: a refresh returns a new access and refresh token, the old refresh token stops working', async () => {
      const first = await userTokens(sandbox);
      const res = await tokenRequest(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      assert.equal(res.status, 200);
      const second = (await res.json()) as TokenBody;
      assert.ok(second.refresh_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      const stale = await tokenRequest(sandbox, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      assert.equal(stale.status, 400);
      assert.deepEqual(await stale.json(), { message: 'Bad Request', error: 400 });
    });

    it('revokes with 200 and an empty body; revoking the refresh token kills its access tokens', async () => {
      const tokens = await userTokens(sandbox);
      const res = await tokenRequest(
        sandbox,
        { token: tokens.refresh_token ?? '', token_type_hint: 'refresh_token' },
        '/api/v1/revoke_token',
      );
      assert.equal(res.status, 200);
      assert.equal(await res.text(), '');
      assert.equal((await redditGet(sandbox, '/hot', tokens.access_token)).status, 401);
      const unknown = await tokenRequest(
        sandbox,
        { token: 'never-issued' },
        '/api/v1/revoke_token',
      );
      assert.equal(unknown.status, 200);
    });

    it('expires access tokens after expires_in seconds of the injected clock', async () => {
      const token = await appToken(sandbox);
      assert.equal((await redditGet(sandbox, '/hot?limit=1', token)).status, 200);
      now += 3600 * 1000;
      const res = await redditGet(sandbox, '/hot?limit=1', token);
      assert.equal(res.status, 401);
      assert.equal(
        res.headers.get('www-authenticate'),
        'Bearer realm="reddit", error="invalid_token"',
      );
    });
  });
});
