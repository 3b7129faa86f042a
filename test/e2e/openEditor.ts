/** The browser build of the editor, opened in headless Chromium for an end-to-end test. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { openPage, type ChromiumPage } from '../../bench/chromium';

/** Where the tests write their screenshots (test artifacts, not committed). */
export const SHOTS = 'test-results/e2e';

export async function openEditor(): Promise<ChromiumPage> {
  // The production build, as `npm start` serves it: smoothness is measured on what users run.
  execFileSync(process.execPath, ['scripts/build-web.mjs', '--production'], { stdio: 'pipe' });
  mkdirSync(SHOTS, { recursive: true });
  const chromium = await openPage('dist/web');
  // A step that cannot happen fails within seconds with its own message, not at the test's timeout.
  chromium.page.setDefaultTimeout(15_000);
  await chromium.page.waitForSelector('.react-flow__node');
  return chromium;
}
