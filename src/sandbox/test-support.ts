import { SANDBOX_CREDENTIALS } from './credentials.js';
import type { Sandbox } from './sandbox.js';

/** Helpers the sandbox's own integration tests share: Reddit credentials, tokens and the code flow. */

/** A descriptive User-Agent in the format Reddit asks for. */
export const USER_AGENT = 'test:com.example.newsroom:v0.1.0 (by /u/newsroom_dev)';
export const REDIRECT_URI = 'http://127.0.0.1:8080/auth/reddit/callback';

/** The Basic header for the sandbox Reddit app (or other credentials). */
export function basicAuth(
  id: string = SANDBOX_CREDENTIALS.redditClientId,
  secret: string = SANDBOX_CREDENTIALS.redditClientSecret,
): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** POSTs a form to www.reddit.com's token endpoint with the sandbox app's credentials. */
export function tokenRequest(
  sandbox: Sandbox,
  form: Record<string, string>,
  path = '/api/v1/access_token',
): Promise<Response> {
  return fetch(`${sandbox.baseUrls.redditAuth}${path}`, {
    method: 'POST',
    headers: {
      authorization: basicAuth(),
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': USER_AGENT,
    },
    body: new URLSearchParams(form).toString(),
  });
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

/** An application-only access token. */
export async function appToken(sandbox: Sandbox): Promise<string> {
  const res = await tokenRequest(sandbox, { grant_type: 'client_credentials' });
  return ((await res.json()) as TokenBody).access_token;
}

/** Walks the consent page as a browser would, clicking `button`; returns the redirect Location. */
export async function consent(
  sandbox: Sandbox,
  params: Record<string, string>,
  button: 'Allow' | 'Decline' = 'Allow',
  username = 'sandbox_reader',
): Promise<URL> {
  const query = new URLSearchParams({
    client_id: SANDBOX_CREDENTIALS.redditClientId,
    response_type: 'code',
    state: 'state-123',
    redirect_uri: REDIRECT_URI,
    duration: 'permanent',
    scope: 'identity read mysubreddits',
    ...params,
  });
  const page = await fetch(`${sandbox.baseUrls.redditAuth}/api/v1/authorize?${query.toString()}`);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`No consent form (HTTP ${page.status})`);
  const form = new URLSearchParams();
  for (const [, name = '', value = ''] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
  )) {
    form.set(name, value.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  }
  form.set('username', username);
  form.set('authorize', button);
  const res = await fetch(new URL(action, sandbox.url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || location === null)
    throw new Error(`Consent did not redirect (HTTP ${res.status})`);
  return new URL(location);
}

/** A user token pair from the full code flow. */
export async function userTokens(
  sandbox: Sandbox,
  scope = 'identity read mysubreddits',
  username?: string,
): Promise<TokenBody> {
  const redirect = await consent(sandbox, { scope }, 'Allow', username);
  const res = await tokenRequest(sandbox, {
    grant_type: 'authorization_code',
    code: redirect.searchParams.get('code') ?? '',
    redirect_uri: REDIRECT_URI,
  });
  return (await res.json()) as TokenBody;
}

/** GETs an oauth.reddit.com path with a bearer token and the descriptive User-Agent. */
export function redditGet(
  sandbox: Sandbox,
  path: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${sandbox.baseUrls.redditApi}${path}`, {
    headers: { authorization: `bearer ${token}`, 'user-agent': USER_AGENT, ...headers },
  });
}

/** The t3 fields the sandbox tests read. */
export interface RedditT3 {
  id: string;
  subreddit: string;
  name: string;
  title: string;
  author: string;
  author_fullname?: string;
  is_self: boolean;
  url: string;
  url_overridden_by_dest?: string;
  domain: string;
  selftext: string;
  selftext_html: string | null;
  thumbnail: string;
  over_18: boolean;
  stickied: boolean;
  distinguished: string | null;
  removed_by_category: string | null;
  created_utc: number;
  permalink: string;
  crosspost_parent?: string;
  crosspost_parent_list?: RedditT3[];
  preview?: { images: { source: { url: string } }[] };
}

/** A Listing of t3 children as the sandbox tests read it. */
export interface RedditListing {
  kind: string;
  data: {
    after: string | null;
    before: string | null;
    dist: number;
    modhash: string;
    facets?: object;
    children: { kind: string; data: RedditT3 }[];
  };
}
