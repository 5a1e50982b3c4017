import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { decodeHTML } from 'entities';
import { createTestApp, type TestApp } from '../../../test/app.js';
import type { Db } from '../../db/database.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { redditGet } from '../../sandbox/test-support.js';
import { createTokenCipher, type TokenCipher } from '../token-cipher.js';
import { tokenContext } from './reddit-identity.js';
import { pino } from 'pino';

/** Helpers the Reddit sign-in tests share: a listening app, a browser with cookies, the flow. */

/** A fixed key, so tests can open the stored envelopes the way the app does. */
export const TEST_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testCipher: TokenCipher = createTokenCipher(TEST_KEYS, pino({ level: 'silent' }));

/**
 * The real app listening on loopback, so the browser walks the same redirects a person's would.
 * The port is chosen first because the redirect URI registered with (sandbox) Reddit names it.
 */
export async function listeningApp(
  env: Record<string, string>,
  port?: number,
): Promise<TestApp & { url: string }> {
  port ??= await freePort();
  const t = await createTestApp({ PORT: String(port), TOKEN_ENCRYPTION_KEYS: TEST_KEYS, ...env });
  await t.app.listen({ host: '127.0.0.1', port });
  return { ...t, url: `http://127.0.0.1:${port}` };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

interface Cookie {
  value: string;
  path: string;
}

/** A browser's cookie jar for one site (the app): path-scoped, honours deletion. */
export class Browser {
  readonly cookies = new Map<string, Cookie>();

  constructor(private readonly appUrl: string) {}

  async get(url: string | URL): Promise<Response> {
    return this.send(new URL(url), { method: 'GET' });
  }

  async post(url: string | URL, form: URLSearchParams): Promise<Response> {
    return this.send(new URL(url), { method: 'POST', body: form });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    const ours = url.origin === new URL(this.appUrl).origin;
    const header = [...this.cookies]
      .filter(([, c]) => ours && url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: header === '' ? {} : { cookie: header },
    });
    if (ours) this.store(response.headers.getSetCookie());
    return response;
  }

  private store(lines: string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const expires = attr('expires');
      const gone =
        value === '' ||
        attr('max-age') === '0' ||
        (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr('path') ?? '/' });
    }
  }
}

/**
 * Starts signing in and walks the sandbox consent page like a browser: reads the form's action
 * and fields from the HTML and clicks a button. Returns the callback URL Reddit sends the browser
 * to (not yet followed, so tests can replay or alter it) and the state in it.
 */
export async function consentOnReddit(
  browser: Browser,
  appUrl: string,
  options: {
    returnTo?: string;
    username?: string;
    button?: 'Allow' | 'Decline';
    /** Changes the authorize URL before the browser opens it (tests of a tampered request). */
    alterAuthorize?: (url: URL) => void;
  } = {},
): Promise<{ callback: URL; state: string }> {
  const query =
    options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const login = await browser.get(`${appUrl}/auth/reddit/login${query}`);
  assert.equal(login.status, 302, await login.text());
  const authorize = new URL(login.headers.get('location') ?? '');
  options.alterAuthorize?.(authorize);
  const page = await browser.get(authorize);
  assert.equal(page.status, 200);
  const html = await page.text();
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  assert.ok(form?.[1] !== undefined && form[2] !== undefined, 'consent page has a form');
  const fields = new URLSearchParams();
  for (const input of form[2].matchAll(
    /<input type="(hidden|text)" name="([^"]+)" value="([^"]*)"/g,
  )) {
    fields.set(decodeHTML(input[2] ?? ''), decodeHTML(input[3] ?? ''));
  }
  if (options.username !== undefined) fields.set('username', options.username);
  const button = /<button type="submit" name="([^"]+)" value="([^"]+)"/g;
  const chosen = [...form[2].matchAll(button)].find((b) => b[2] === (options.button ?? 'Allow'));
  assert.ok(chosen?.[1] !== undefined && chosen[2] !== undefined, 'consent page has the button');
  fields.set(chosen[1], chosen[2]);
  const answer = await browser.post(new URL(decodeHTML(form[1]), authorize), fields);
  assert.equal(answer.status, 302);
  const callback = new URL(answer.headers.get('location') ?? '');
  // Browsers never send the fragment (Reddit's "#_").
  callback.hash = '';
  return { callback, state: authorize.searchParams.get('state') ?? '' };
}

/** The whole sign-in; returns where the app finally redirected. */
export async function signInWithReddit(
  browser: Browser,
  appUrl: string,
  options: { returnTo?: string; username?: string } = {},
): Promise<{ location: string; callback: URL }> {
  const { callback } = await consentOnReddit(browser, appUrl, options);
  const done = await browser.get(callback);
  assert.equal(done.status, 302, await done.text());
  return { location: done.headers.get('location') ?? '', callback };
}

export interface StoredIdentity {
  id: string;
  userId: string;
  subject: string;
  username: string;
  scopes: string;
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: Date | null;
}

/** The Reddit identity rows as stored (envelopes, not plaintext). */
export async function storedIdentities(db: Db): Promise<StoredIdentity[]> {
  const rows = await db
    .selectFrom('identities')
    .selectAll()
    .where('provider', '=', 'reddit')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    subject: row.subject,
    username: row.username,
    scopes: row.scopes,
    accessToken: row.access_token,
    refreshToken: row.refresh_token,
    expiresAt: row.access_token_expires_at,
  }));
}

/** The user's identity, which must exist. */
export async function identityOf(db: Db, userId: string): Promise<StoredIdentity> {
  const identity = (await storedIdentities(db)).find((i) => i.userId === userId);
  assert.ok(identity !== undefined, `user ${userId} has a Reddit identity`);
  return identity;
}

/** Opens a stored envelope with the test key. */
export function plaintext(identity: StoredIdentity, kind: 'access' | 'refresh'): string {
  const envelope = kind === 'access' ? identity.accessToken : identity.refreshToken;
  assert.ok(envelope !== null, `${kind} token stored`);
  return testCipher.decrypt(envelope, tokenContext(identity.subject, kind));
}

/** Who the sandbox says a plaintext access token belongs to (null when it refuses it). */
export async function redditUserOf(sandbox: Sandbox, accessToken: string): Promise<string | null> {
  const res = await redditGet(sandbox, '/api/v1/me', accessToken);
  if (res.status !== 200) return null;
  return ((await res.json()) as { name: string }).name;
}

/** Makes the stored access token of `userId` expire at `at`. */
export async function expireAccessToken(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('identities')
    .set({ access_token_expires_at: at })
    .where('user_id', '=', userId)
    .execute();
}
