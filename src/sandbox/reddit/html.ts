import { escapeAttribute, escapeText } from 'entities';

/**
 * The HTML documents Reddit answers with where clients expect JSON: the 2026-style 401 page,
 * "whoa there, pardner!" (429), the network-policy block (403), CDN 5xx pages, and the OAuth
 * consent and error pages a browser sees.
 */

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>\n<body>${body}</body></html>\n`;

export const UNAUTHORIZED_HTML = page(
  'reddit.com: page not found',
  '<div class="content"><h1>page not found</h1><p>the page you requested does not exist</p></div>',
);

/** The 429 page Reddit sends to clients it considers bots. */
export function whoaThereHtml(retryAfterSeconds: number): string {
  return page(
    'Too Many Requests',
    `<h1>whoa there, pardner!</h1><p>we're sorry, but you appear to be a bot and we've seen too many requests from you lately. we enforce a hard speed limit on requests that appear to come from bots to prevent abuse.</p><p>if you are not a bot but are spoofing one via your browser's user agent string: please change your user agent string to avoid seeing this message again.</p><p>please wait ${retryAfterSeconds} second(s) and try again.</p><p>as a reminder to developers, we recommend that clients make no more than <a href="http://github.com/reddit/reddit/wiki/API">one request every two seconds</a> to avoid seeing this message.</p>`,
  );
}

export const BLOCKED_HTML = page(
  'Blocked',
  '<h1>whoa there, pardner!</h1><p>Your request has been blocked due to a network policy.</p><p>Try logging in or creating an account <a href="https://www.reddit.com/login/">here</a> to get back to browsing.</p><p>If you\'re running a script or application, please register or sign in with your developer credentials <a href="https://www.reddit.com/wiki/api/">here</a>. Additionally make sure your User-Agent is not empty and is something unique and descriptive and try again. If you\'re supplying an alternate User-Agent string, try changing back to default as that can sometimes result in a block.</p>',
);

/** A CDN/backend error page for a 5xx status. */
export function serverErrorHtml(status: number): string {
  if (status === 503) {
    return page(
      'reddit.com: over capacity',
      '<h1>all of our servers are busy right now</h1><p>please try again in a minute</p><p>(error code: 503)</p>',
    );
  }
  return page(
    `${status} ${status === 502 ? 'Bad Gateway' : 'Internal Server Error'}`,
    `<h1>${status === 502 ? 'Bad Gateway' : 'Internal Server Error'}</h1><p>Our CDN was unable to reach our servers. Please try again.</p>`,
  );
}

/** Reddit's page for an authorize request it cannot redirect back (bad client or redirect_uri). */
export function authorizeErrorHtml(message: string): string {
  return page(
    'reddit.com: Bad Request',
    `<div class="content"><h1>Bad Request</h1><p>${escapeText(message)}</p></div>`,
  );
}

export interface ConsentPage {
  action: string;
  fields: Record<string, string>;
  scopes: readonly string[];
  user: string;
}

/** The consent page: the app's request and Allow / Decline buttons posting back to the sandbox. */
export function consentHtml(consent: ConsentPage): string {
  const hidden = Object.entries(consent.fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`,
    )
    .join('\n');
  const scopes = consent.scopes.map((s) => `<li>${escapeText(s)}</li>`).join('');
  return page(
    'reddit: authorize application',
    `<main class="oauth2-authorize"><h1>Sandbox Reddit</h1><p>An application would like to connect with your reddit account.</p>
<p>Client id: <code>${escapeText(consent.fields.client_id ?? '')}</code></p><p>Allow it to:</p><ul class="scopes">${scopes}</ul>
<form method="post" action="${escapeAttribute(consent.action)}">
${hidden}
<label>Signed in as <input type="text" name="username" value="${escapeAttribute(consent.user)}" pattern="[A-Za-z0-9_\\-]{3,20}" required></label>
<button type="submit" name="authorize" value="Allow">Allow</button>
<button type="submit" name="authorize" value="Decline" formnovalidate>Decline</button>
</form></main>`,
  );
}
