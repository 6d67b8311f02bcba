import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll } from 'vitest';

/** Debian's Chromium, never a downloaded one (`playwright install` is not used by this project). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A browser for one test file, closed after its tests. */
export async function launchBrowser(): Promise<Browser> {
  // Say what to do rather than let the launch fail obscurely (.ci/run installs it on a fresh machine).
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  afterAll(() => browser.close());
  return browser;
}

/** A fresh browser profile (no cookies) with the person's locale, at the screenshots' desktop size. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
  locale: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  // A page error (an exception in the app) must fail the test, not just leave a blank screen.
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  afterAll(() => {
    if (errors.length) throw new Error(`errors in the page: ${errors.map((e) => e.message).join('; ')}`);
  });
  return { context, page };
}

/** Clicks what starts a download and returns the downloaded bytes with the file's suggested name. */
export async function download(page: Page, trigger: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: await fs.readFile(file) };
}

// Every run takes the pictures; UPDATE_SCREENSHOTS=1 writes them over the README's, others keep the tree clean.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve('docs/screenshots')
  : path.join(os.tmpdir(), 'clientele-screenshots');

/**
 * Saves a screenshot of the page as <name>.png (docs/screenshots with UPDATE_SCREENSHOTS=1); `fullPage` for a step
 * taller than the window. Toasts are closed first, as a person would, so they hide nothing.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
  const viewport = page.viewportSize();
  if (opts.fullPage && viewport) {
    // A window as tall as the page, rather than a stitched full-page image, keeps the side navigation whole.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.setViewportSize({ width: viewport.width, height });
  }
  // Let transitions (modals, notifications, the resize) settle so the picture shows the final state.
  // (A string: the test code is typed for Node, without the DOM's names.)
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  if (viewport) await page.setViewportSize(viewport);
}
