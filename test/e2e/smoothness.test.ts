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

  /** A run of LeNet-5 with the default settings stopped after 20 s of training, measured from its start; the backend's reason line. */
  async function measureRun() {
    await page.locator('.react-flow__node[data-id="c1"]').click(); // its feature maps refresh live, as do every node's strips
    await showView(page, 'Train');
    // More than 20 seconds' work on any machine (wasm does an epoch of 48,000 images in about 10 s
    // here), stopped at 20 s of training so the measurement lasts as long on a fast machine as on a slow one.
    await page.getByTestId('train-epochs').fill('10');
    await page.getByTestId('train-trainLimit').fill('48000');
    const stopMeter = await startSmoothnessMeter(page);
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-progress').textContent(), { timeout: 120_000 }).toMatch(/step \d+/);
    await page.waitForTimeout(20_500);
    const progress = await page.getByTestId('train-progress').textContent();
    await page.getByTestId('train-stop').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/^(done|stopped|failed)/);
    expect(await page.getByTestId('train-status').textContent()).toMatch(/^(done|stopped)/);
    const smooth = await stopMeter();
    const reason = (await page.getByTestId('train-backend-reason').textContent()) ?? '';
    console.log(`smoothness of a training run: ${describeSmoothness(smooth)}\n${progress}\n${reason}`);
    expect(smooth.seconds).toBeGreaterThan(20);
    return { smooth, reason };
  }

  // The target is 50 frames per second and no task over 50 ms. Measured here, with wasm on both of
  // 2 cores (the default) and the test alone (it runs after all the others; see vitest.config.ts):
  // 59.6 to 59.7 frames per second in five runs, 10,000 to 11,200 samples/s; no task over 50 ms while
  // it trained, but in two of the five one of 53 and 68 ms about 70 ms after Stop (the page taking the
  // trained weights into the document), which the acceptance target counts. Before Chromium
  // composited in software (bench/chromium.ts) the page fell to 46-50 here, and to 36.9 with tasks up
  // to 167 ms on a CI machine whose cores are far slower; the bounds leave room for such a machine and
  // still catch a real regression (a paint per update, a stall).
  it('keeps the page smooth through a 20-second run on every core: frames per second and main-thread tasks over 50 ms', async () => {
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const { smooth, reason } = await measureRun();
    expect(reason).toMatch(cores > 1 ? new RegExp(`; wasm on ${cores} threads$`) : /; wasm on 1 thread \(one core here\)$/);
    expect(smooth.framesPerSecond).toBeGreaterThan(40);
    expect(Math.max(0, ...smooth.longTasks)).toBeLessThan(200);
  }, 240_000);
});
