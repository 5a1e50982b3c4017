import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { build } from 'vite';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { spawnServer, type ServerProcess } from '../server-process.js';
import {
  ARTIFACTS,
  browserSkipReason,
  capture,
  launchBrowser,
  seriousViolations,
  videoSkipReason,
} from './browser.js';

const skip = browserSkipReason();
const noVideo = skip === false ? videoSkipReason() : skip;

// Layout shifts (not caused by input), long tasks and when the first result entered the page,
// from the start of each document.
const PERF_OBSERVERS = `
  window.__perf = { cls: 0, longTasks: 0, firstResult: null };
  new MutationObserver((_, observer) => {
    if (document.querySelector('.result') === null) return;
    window.__perf.firstResult = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__perf.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    window.__perf.longTasks += list.getEntries().length;
  }).observe({ type: 'longtask', buffered: true });
`;

// One walk through the product as a person does it, in Debian's chromium against the real server
// (sandbox upstreams). Steps run in order and share the page, like a person's session.
describe('web app in a browser', { skip, timeout: 420_000 }, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const offOrigin: string[] = [];
  const email = `reader-${randomBytes(4).toString('hex')}@example.com`;

  const checkPage = async (name: string) => {
    assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
    // Layout shift since this document loaded (clicks and typing excuse the shifts they cause).
    const cls = await page.evaluate<number>('window.__perf.cls');
    assert.ok(cls < 0.1, `cumulative layout shift ${cls} on ${name}`);
    await capture(page, name);
  };

  before(async () => {
    // As `npm start` does: build only when there is no build (.ci/run builds first; after changing
    // web/, `npm run build`). Rebuilding here would empty web/dist under other tests' servers.
    if (!existsSync(path.resolve('web/dist/index.html'))) {
      await build({ root: path.resolve('web'), logLevel: 'warn' });
    }
    database = await createTestDatabase({ migrate: false });
    // A known port: Reddit's redirect URI (and the sandbox's allow-list) name it.
    const port = await freePort();
    server = await spawnServer('src/main-api.ts', {
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      // Stories are analysed as searches store them, so Insights has sentiment and names to show.
      ENRICHMENT_IN_API: 'true',
    });
    profile = await mkdtemp(path.join(tmpdir(), 'newsroom-chromium-'));
    // The walkthrough is recorded (the demo video); `after` keeps it in test-artifacts/web.
    context = await launchBrowser(profile, {
      ...(noVideo === false ? { videoDir: path.join(profile, 'video') } : {}),
    });
    await context.addInitScript(PERF_OBSERVERS);
    // Only loopback (the app and the sandbox's consent page); outlet images are refused here.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
      offOrigin.push(`${route.request().resourceType()} ${url.origin}`);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    await database?.drop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('opens on the search page, signed out, with the query syntax explained', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.match(await page.locator('#q-help').innerText(), /exact phrase/);
    await checkPage('search-empty');
  });

  it('registers with an email and is signed in', async () => {
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await checkPage('sign-in');
    const form = page.locator('form', { hasText: 'Create an account' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('correct horse battery');
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.waitForURL((url) => ['/', '/search'].includes(url.pathname));
  });

  it('searches with one API call, shows merged results, highlighted terms and the provider strip', async () => {
    // The page's own start-up request (the provider list for the filters) has been answered.
    await page.getByLabel('Reddit').waitFor({ state: 'attached' });
    const calls = apiCalls(page);
    await page.getByLabel('Search the news').fill('climate');
    await page.keyboard.press('Enter');
    await page.locator('.result').first().waitFor();
    // Results render from the one answer: no request waits on another before they appear.
    assert.deepEqual(calls.stop(), ['GET /v1/search']);
    const marks = await page.locator('.result mark').allInnerTexts();
    assert.ok(marks.length > 0, 'query terms are highlighted');
    assert.ok(
      marks.every((m) => /^climate$/i.test(m)),
      marks.join(' | '),
    );
    assert.ok((await page.locator('.result .chip[class*="sentiment-"]').count()) > 0);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'climate');
    const strip = await page.getByRole('status').first().innerText();
    assert.match(strip, /\d+ stor(y|ies)/);
    assert.match(strip, /newsapi/);
    assert.match(strip, /fresh|from cache/);
    const first = page.locator('.result').first();
    assert.ok((await first.locator('time').getAttribute('title'))?.match(/\d{4}/));
    assert.ok((await first.locator('.badge').count()) >= 1);
    await checkPage('search-results');
  });

  it('filters and sorts through the URL, and the back button restores the search', async () => {
    await page.getByText('Filters and sort').click();
    await page.getByLabel('Reddit').uncheck();
    await page.getByLabel('Sort').selectOption('recency');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/sort=recency/);
    const params = new URL(page.url()).searchParams;
    assert.equal(params.get('providers'), 'newsapi,guardian');
    await page.locator('.result').first().waitFor();
    const providers = await page.locator('.strip .providers li').allInnerTexts();
    assert.ok(
      providers.every((p) => !p.startsWith('reddit')),
      providers.join(' | '),
    );

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('sort') === null);
    assert.equal(await page.getByLabel('Search the news').inputValue(), 'climate');
    await page.locator('.result').first().waitFor();
  });

  it('filters and sorts by headline sentiment through the URL, one search each', async () => {
    const labels = await page.locator('.result .chip[class*="sentiment-"]').allInnerTexts();
    const wanted = labels[0] ?? 'neutral';
    const before = await page.locator('.result').count();
    const calls = apiCalls(page);
    await page.getByText('Filters and sort').click();
    await page.getByLabel('Sentiment').selectOption(wanted);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('sentiment') === wanted);
    await page.getByRole('link', { name: 'Show every sentiment' }).waitFor();
    // The API filters (GET /v1/search?sentiment=): every result shown reads as asked.
    assert.deepEqual(calls.stop(), ['GET /v1/search']);
    const shown = await page.locator('.result .chip[class*="sentiment-"]').allInnerTexts();
    assert.ok(shown.length > 0);
    assert.equal(await page.locator('.result').count(), shown.length);
    assert.ok(
      shown.every((l) => l === wanted),
      shown.join(' | '),
    );
    await checkPage('search-sentiment');

    await page.getByRole('link', { name: 'Show every sentiment' }).click();
    await page.waitForURL((url) => !url.searchParams.has('sentiment'));
    await page.waitForFunction(`document.querySelectorAll('.result').length === ${before}`);
    await page.getByText('Filters and sort').click();
    await page.getByLabel('Sort').selectOption('-sentiment');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-sentiment');
    await page.locator('.skeletons').waitFor({ state: 'detached' });
    const chips = await page.locator('.result .chip[class*="sentiment-"]').all();
    const scores = await Promise.all(
      chips.map(async (c) =>
        Number((await c.getAttribute('title'))?.replace('Sentiment score ', '')),
      ),
    );
    assert.ok(scores.length > 1);
    assert.deepEqual(
      scores,
      [...scores].sort((x, y) => x - y),
      'most negative first',
    );
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('sort'));
    await page.locator('.result').first().waitFor();
  });

  let savedTitles: string[] = [];
  it('saves one result with its button and another with the keyboard', async () => {
    const results = page.locator('.result');
    const firstTitle = await results.nth(0).locator('h2').innerText();
    await results.nth(0).getByRole('button', { name: 'Save' }).click();
    await results.nth(0).getByRole('button', { name: 'Saved' }).waitFor();

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate('document.activeElement.id'), 'q');
    await page.locator('.result').nth(0).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('s');
    await results.nth(1).getByRole('button', { name: 'Saved' }).waitFor();
    savedTitles = [firstTitle, await results.nth(1).locator('h2').innerText()];
  });

  it('opens a story with all its sources and saves it with a note and tags', async () => {
    await page.locator('.result').nth(0).getByRole('link', { name: 'All sources' }).click();
    await page.getByRole('heading', { name: savedTitles[0], level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    assert.ok((await page.locator('.article .badge').count()) >= 1);
    await page.getByLabel('Note', { exact: true }).fill('Read later for the e2e');
    await page.getByLabel('Tags (comma-separated)').fill('climate, e2e');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await checkPage('article');
  });

  it('lists both in Saved, and unsaving removes one', async () => {
    await page.getByRole('link', { name: 'Saved' }).click();
    await page.locator('.saved li').first().waitFor();
    const listed = await page.locator('.saved h2').allInnerTexts();
    assert.deepEqual([...listed].sort(), [...savedTitles].sort());
    await page.getByText('Read later for the e2e').waitFor();
    await checkPage('saved');
    await page.getByRole('button', { name: `Unsave ${savedTitles[0]}` }).click();
    await page.waitForFunction('document.querySelectorAll(".saved li").length === 1');
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name for a new key').fill('e2e script');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByLabel('New API key').inputValue();
    assert.match(key, /^nrk_/);
    await page.getByRole('cell', { name: 'e2e script', exact: true }).waitFor();
    await checkPage('api-keys');
    const me = () =>
      fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } }).then(
        (r) => r.status,
      );
    assert.equal(await me(), 200);

    await page.getByRole('button', { name: 'Revoke e2e script' }).click();
    await page.getByRole('button', { name: 'Yes, revoke e2e script' }).click();
    await page.getByRole('cell', { name: 'revoked' }).waitFor();
    assert.equal(await me(), 401);
  });

  it('shows providers, history and preferences without accessibility faults', async () => {
    for (const [link, heading] of [
      ['Providers', 'Providers'],
      ['History', 'History'],
      ['Preferences', 'Preferences'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.locator('.skeletons').waitFor({ state: 'detached' });
      await checkPage(heading.toLowerCase());
    }
    assert.ok((await page.locator('main').innerText()).includes('Theme'));
    await page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
    await page.getByRole('link', { name: 'climate' }).first().waitFor();
  });

  it('shows insights for a query: charts with data tables, names linking to everything about them', async () => {
    // Stories are analysed off the request path; wait until this search's are.
    await waitFor(async () => {
      const res = await fetch(`${server.url}/v1/insights/entities?q=climate&limit=1`);
      const body = (await res.json()) as { entities: unknown[] };
      return body.entities.length > 0;
    }, 60_000);
    await page.getByRole('navigation').getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    await page.getByLabel('Stories about').fill('climate');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/insights' && url.searchParams.get('q') === 'climate',
    );
    const volume = page.getByRole('figure', { name: 'Stories per day by provider' });
    await volume.waitFor();
    assert.ok((await volume.locator('svg rect').count()) > 0, 'volume bars drawn');
    assert.ok(
      (await volume.getByRole('img').getAttribute('aria-describedby')) !== null,
      'the chart has a summary',
    );
    // The data table behind the chart: a row per day, a column per provider.
    await volume.getByText('data table').click();
    const head = await volume.locator('thead th').allInnerTexts();
    assert.deepEqual(head.slice(0, 2), ['Day', 'Stories']);
    assert.ok(head.includes('newsapi'), head.join(' | '));
    assert.equal(await volume.locator('tbody tr').count(), 30);
    const sentiment = page.getByRole('figure', { name: 'Mean sentiment per day' });
    assert.ok((await sentiment.locator('polyline').count()) > 0, 'mean sentiment line drawn');
    assert.ok((await sentiment.locator('polygon.band').count()) > 0, 'spread band drawn');
    const named = page.getByRole('list', { name: /most named/ });
    await named.getByRole('link').first().waitFor();
    await page.getByRole('heading', { name: 'Trending' }).waitFor();
    await page.locator('.skeletons').waitFor({ state: 'detached' });
    await checkPage('insights');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkPage('insights-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // An API refusal reads as a sentence in its own card; the rest of the page stays.
    await page.route('**/v1/insights/trending?*', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '7', 'content-type': 'application/json' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }),
      }),
    );
    await page.getByLabel('Trending over').selectOption('7d');
    await page.getByRole('button', { name: 'Show' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Too many requests. Try again in 7 s.' })
      .waitFor();
    await named.getByRole('link').first().waitFor();
    await page.unroute('**/v1/insights/trending?*');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page
      .getByRole('list', { name: /Trending/ })
      .or(page.getByText('Nothing is trending'))
      .waitFor();

    const first = named.getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(
      (url) => url.pathname === '/search' && url.searchParams.get('q') === `"${name}"`,
    );
    await page.locator('.result, .note').first().waitFor();
    // Stories the climate search stored and the store has analysed since carry their names,
    // each a link to everything about it.
    const names = page.getByRole('list', { name: 'Names in this story' });
    await names.first().waitFor();
    const link = names.getByRole('link', { name, exact: true }).first();
    await link.waitFor();
    const href = new URL((await link.getAttribute('href')) ?? '', server.url);
    assert.equal(href.pathname, '/search');
    assert.equal(href.searchParams.get('q'), `"${name}"`);
  });

  it('renders 100 results in one request, without layout shift', async (t) => {
    await page.getByRole('navigation').getByRole('link', { name: 'Preferences' }).click();
    await page.getByLabel('Results per page').fill('100');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Saved.').waitFor();

    const calls = apiCalls(page, true);
    await page.goto(`${server.url}/search?q=election`);
    await page.locator('.result').first().waitFor();
    const events = calls.stop();
    // One search per page load, sent as the page mounts: not after (waiting on) another answer.
    assert.equal(events.filter((e) => e.startsWith('GET /v1/search')).length, 1, events.join(', '));
    const sentAt = events.indexOf('GET /v1/search');
    const firstAnswer = events.findIndex((e) => e.startsWith('answered '));
    assert.ok(firstAnswer === -1 || sentAt < firstAnswer, events.join(', '));

    assert.equal(await page.locator('.result').count(), 100);
    interface Perf {
      cls: number;
      longTasks: number;
      sinceAnswer: number;
    }
    const measure = () =>
      page.evaluate<Perf>(`({
        ...window.__perf,
        sinceAnswer: window.__perf.firstResult - (performance.getEntriesByType('resource')
          .find((e) => e.name.includes('/v1/search'))?.responseEnd ?? 0),
      })`);
    const perf = await measure();
    assert.ok(perf.cls < 0.1, `cumulative layout shift ${perf.cls}`);
    // Keyboard through the whole list: focus reaches the hundredth result.
    await page.locator('.result').first().focus();
    for (let i = 0; i < 99; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(
      await page.evaluate('document.activeElement.getAttribute("aria-labelledby")'),
      'result-99',
    );
    const after = await measure();
    t.diagnostic(
      `100 results: CLS ${perf.cls.toFixed(4)}, long tasks ${perf.longTasks} on load and ` +
        `${after.longTasks - perf.longTasks} while arrowing through all 100; results were in the ` +
        `page ${Math.round(perf.sinceAnswer)} ms after the search's answer arrived`,
    );

    await page.goto(`${server.url}/preferences`);
    await page.getByLabel('Results per page').fill('20');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Saved.').waitFor();
  });

  it('reads well in the dark theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/search?q=climate`);
    await page.locator('.result').first().waitFor();
    await checkPage('search-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a failed sign-out as a sentence, then signs out', async () => {
    await page.route('**/auth/logout', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal_error', message: 'x', requestId: 'r-1' } }),
      }),
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not sign out' });
    assert.match(await alert.innerText(), /Something went wrong on our side.*reference r-1/);
    await page.unroute('**/auth/logout');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate('fetch("/v1/me").then((r) => r.status)');
    assert.equal(status, 401);
  });

  it('signs in with Reddit through the sandbox consent page and lands where it left', async () => {
    await page.goto(`${server.url}/sign-in?returnTo=%2Fsaved`);
    await page.getByRole('link', { name: 'Sign in with Reddit' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/saved');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('Nothing saved yet').waitFor();
  });

  it('deletes the account after a confirmation', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Preferences' }).click();
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByRole('button', { name: 'Yes, delete my account' }).waitFor();
    await checkPage('delete-account');
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByRole('heading', { name: 'Account deleted' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await checkPage('account-deleted');
    const status = await page.evaluate('fetch("/v1/me").then((r) => r.status)');
    assert.equal(status, 401);
  });

  it('asked nothing of any other origin but outlet images', () => {
    assert.deepEqual(
      offOrigin.filter((r) => !r.startsWith('image ')),
      [],
    );
  });

  // Last: closing the page ends the recording (the demo video, README "Web app").
  it('kept a video of the whole walkthrough', { skip: noVideo }, async () => {
    const video = page.video();
    assert.ok(video, 'the page is recorded');
    await page.close();
    const target = path.join(ARTIFACTS, 'walkthrough.webm');
    await mkdir(ARTIFACTS, { recursive: true });
    await video.saveAs(target);
    assert.ok((await stat(target)).size > 50_000, 'a video with something in it');
  });
});

/**
 * The API requests a page makes from now until stop(): "GET /v1/search" for each one sent and,
 * with `answers`, "answered GET /v1/..." as each answer arrives, in the order the browser saw them.
 */
function apiCalls(page: Page, answers = false): { stop: () => string[] } {
  const seen: string[] = [];
  const name = (r: Request) => `${r.method()} ${new URL(r.url()).pathname}`;
  const api = (r: Request) => new URL(r.url()).pathname.startsWith('/v1/');
  const onRequest = (r: Request) => {
    if (api(r)) seen.push(name(r));
  };
  const onAnswer = (r: Request) => {
    if (api(r)) seen.push(`answered ${name(r)}`);
  };
  page.on('request', onRequest);
  if (answers) page.on('requestfinished', onAnswer);
  return {
    stop: () => {
      page.off('request', onRequest);
      page.off('requestfinished', onAnswer);
      return seen;
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
