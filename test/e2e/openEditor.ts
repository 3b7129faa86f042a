/** The browser build of the editor, opened in headless Chromium for an end-to-end test. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, type ChromiumPage } from '../../bench/chromium';

/** Where the tests write their screenshots (test artifacts, not committed). */
export const SHOTS = 'test-results/e2e';

export async function openEditor(options: { keepWelcome?: boolean; viewport?: { width: number; height: number } } = {}): Promise<ChromiumPage> {
  // The production build, as `npm start` serves it: smoothness is measured on what users run.
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--production'], { stdio: 'pipe' });
  mkdirSync(SHOTS, { recursive: true });
  const chromium = await openPage('dist/web', options.viewport);
  // A step that cannot happen fails within seconds with its own message, not at the test's timeout.
  chromium.page.setDefaultTimeout(15_000);
  await chromium.page.waitForSelector('.react-flow__node');
  // A fresh browser profile is a first start: the welcome view greets it, and is closed as a user would.
  if (options.keepWelcome !== true) await chromium.page.getByRole('dialog', { name: 'Welcome to ConvStudio' }).getByTestId('sheet-close').click();
  return chromium;
}

/** Brings a docked view to the front by its tab, as a user would (a view behind another tab is not in the page). */
export async function showView(page: Page, title: string): Promise<void> {
  await page.getByRole('tab', { name: title, exact: true }).click();
}
