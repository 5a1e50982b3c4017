import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { testEnv } from '../env.js';

/** Debian's chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts/web');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Why the browser tests cannot run here; in CI a missing chromium is a failure, not a skip. */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (testEnv.ci) throw new Error(`${CHROMIUM} is missing in CI: .ci/run installs it`);
  return `${CHROMIUM} is not installed (apt-get install -y --no-install-recommends chromium)`;
}

/** Debian's ffmpeg (`apt-get install ffmpeg`), which Playwright's video recording runs. */
export const FFMPEG = '/usr/bin/ffmpeg';

/** Why no video can be recorded here; in CI a missing ffmpeg is a failure, as chromium is. */
export function videoSkipReason(): string | false {
  if (existsSync(FFMPEG)) return false;
  if (testEnv.ci) throw new Error(`${FFMPEG} is missing in CI: .ci/run installs it`);
  return `${FFMPEG} is not installed (apt-get install -y --no-install-recommends ffmpeg)`;
}

const require = createRequire(import.meta.url);

/**
 * Playwright records video through an ffmpeg it looks for in its own browser registry, which it
 * would download. A registry of our own in a temporary directory holds a link to Debian's
 * instead; PLAYWRIGHT_BROWSERS_PATH must name it before playwright-core loads, hence the dynamic
 * import below.
 */
async function useSystemFfmpeg(): Promise<void> {
  if (process.env.PLAYWRIGHT_BROWSERS_PATH !== undefined || !existsSync(FFMPEG)) return;
  const manifest = path.join(
    path.dirname(require.resolve('playwright-core/package.json')),
    'browsers.json',
  );
  const { browsers } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    browsers: { name: string; revision: string }[];
  };
  const revision = browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (revision === undefined) return;
  const registry = await mkdtemp(path.join(tmpdir(), 'newsroom-playwright-'));
  process.once('exit', () => rmSync(registry, { recursive: true, force: true }));
  await mkdir(path.join(registry, `ffmpeg-${revision}`));
  await symlink(FFMPEG, path.join(registry, `ffmpeg-${revision}`, 'ffmpeg-linux'));
  process.env.PLAYWRIGHT_BROWSERS_PATH = registry;
}

/** A persistent chromium profile; with `videoDir`, every page of it is recorded there (webm). */
export async function launchBrowser(
  userDataDir: string,
  options: { videoDir?: string } = {},
): Promise<BrowserContext> {
  await useSystemFfmpeg();
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    ...(options.videoDir === undefined
      ? {}
      : { recordVideo: { dir: options.videoDir, size: DESKTOP } }),
    // axe-core is injected as a script tag, which the app's CSP (rightly) refuses.
    bypassCSP: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
    ],
  });
}

/** Screenshots of the page as it is, at desktop and phone sizes. */
export async function capture(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

const axePath = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page, as readable lines (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
    await page.addScriptTag({ path: axePath });
  }
  const violations = await page.evaluate<AxeViolation[]>(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}
