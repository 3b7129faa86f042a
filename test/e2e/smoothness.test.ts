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

  /** A run of LeNet-5 stopped after 20 s of training, measured from its start; the backend's reason line. */
  async function measureRun(threads: string) {
    await page.locator('.react-flow__node[data-id="c1"]').click(); // its feature maps refresh live, as do every node's strips
    await showView(page, 'Train');
    // More than 20 seconds' work on any machine (wasm does an epoch of 48,000 images in about 10 s
    // here), stopped at 20 s of training so the measurement lasts as long on a fast machine as on a slow one.
    await page.getByTestId('train-epochs').fill('10');
    await page.getByTestId('train-trainLimit').fill('48000');
    await page.getByTestId('train-threads').fill(threads);
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
    console.log(`smoothness of a training run (threads: ${threads || 'auto'}): ${describeSmoothness(smooth)}\n${progress}\n${reason}`);
    expect(smooth.seconds).toBeGreaterThan(20);
    return { smooth, reason };
  }

  // The target is 50 frames per second and no task over 50 ms: measured here 54.1 to 54.4 frames per
  // second with no task over 50 ms on the cpu backend, three runs, on this project's 2-core machines
  // with the test alone (it runs after all the others; see vitest.config.ts). A CI machine, also alone,
  // measured 36.9 with tasks up to 167 ms while its training took 177 s (46 s here): its cores are far
  // slower, so the bounds catch a real regression (a paint per update, a stall) rather than a slow machine.
  const expectSmooth = ({ framesPerSecond, longTasks }: { framesPerSecond: number; longTasks: number[] }, atLeast = 25) => {
    expect(framesPerSecond).toBeGreaterThan(atLeast);
    expect(Math.max(0, ...longTasks)).toBeLessThan(400);
  };

  it('keeps the page smooth through a 20-second run: frames per second and main-thread tasks over 50 ms', async () => {
    const { smooth, reason } = await measureRun('');
    // On 2 cores the default leaves one to the page (renderer/worker/threadPlan.ts).
    expect(reason).toMatch(/; wasm on (1 thread \((one core here|one of 2 cores left to the page)\)|\d+ threads)$/);
    expectSmooth(smooth);
  }, 240_000);

  it('stays smooth with wasm on every core (the helper threads on)', async () => {
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const { smooth, reason } = await measureRun(String(cores));
    expect(reason).toMatch(cores > 1 ? new RegExp(`; wasm on ${cores} threads$`) : /; wasm on 1 thread$/);
    // With no core left to it the page slows: 27.7 to 33.9 frames per second here (50.3 by default, one
    // core left), still no task over 50 ms, for about 8% more samples per second (7,559 against 7,012).
    // That is why the default leaves a core; only a stall fails here.
    expectSmooth(smooth, 15);
  }, 240_000);
});
