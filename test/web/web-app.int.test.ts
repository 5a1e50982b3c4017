import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { spawnServer, type ServerProcess } from '../server-process.js';
import { browserSkipReason, capture, launchBrowser, seriousViolations } from './browser.js';

const skip = browserSkipReason();

// One walk through the product as a person does it, in Debian's chromium against the real server
// (sandbox upstreams). Steps run in order and share the page, like a person's session.
describe('web app in a browser', { skip, timeout: 240_000 }, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const offOrigin: string[] = [];
  const email = `reader-${randomBytes(4).toString('hex')}@example.com`;

  const checkPage = async (name: string) => {
    assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
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
      ENRICHMENT_IN_API: 'false',
    });
    profile = await mkdtemp(path.join(tmpdir(), 'newsroom-chromium-'));
    context = await launchBrowser(profile);
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

  it('searches, shows merged results with the provider strip and cache state', async () => {
    await page.getByLabel('Search the news').fill('climate');
    await page.keyboard.press('Enter');
    await page.locator('.result').first().waitFor();
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

  it('lists both in Saved, and unsaving removes one', async () => {
    await page.getByRole('link', { name: 'Saved' }).click();
    await page.locator('.saved li').first().waitFor();
    const listed = await page.locator('.saved h2').allInnerTexts();
    assert.deepEqual([...listed].sort(), [...savedTitles].sort());
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

  it('reads well in the dark theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/search?q=climate`);
    await page.locator('.result').first().waitFor();
    await checkPage('search-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('signs out', async () => {
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
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
  });

  it('asked nothing of any other origin but outlet images', () => {
    assert.deepEqual(
      offOrigin.filter((r) => !r.startsWith('image ')),
      [],
    );
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
