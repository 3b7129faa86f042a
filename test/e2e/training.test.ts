/**
 * Training in the app, in Chromium: the engine runs in a Web Worker, the
 * panel streams progress and the loss curve, pause and resume work, and the
 * trained weights land in the document.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { chromiumAvailable, openPage, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';

const SHOTS = 'test-results/e2e';
declare const convstudioStore: { getState(): { document: GraphDocument } };

const stepsDrawn = async (page: Page) => Number((await page.getByTestId('loss-chart').getAttribute('aria-label'))?.match(/over (\d+) steps/)?.[1] ?? 0);

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('training in the app', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'pipe' });
    mkdirSync(SHOTS, { recursive: true });
    chromium = await openPage('dist/web');
    page = chromium.page;
    await page.waitForSelector('.react-flow__node');
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('trains LeNet-5 on an MNIST subset in a worker: live curve, pause and resume, above 90% test accuracy, weights in the document', async () => {
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-trainLimit').fill('6000');
    await page.getByTestId('train-start').click();
    await expect.poll(() => stepsDrawn(page), { timeout: 60_000 }).toBeGreaterThan(20);
    await page.getByTestId('train-pause').click();
    await page.waitForTimeout(300);
    const paused = await stepsDrawn(page);
    await page.waitForTimeout(700);
    expect(await stepsDrawn(page)).toBe(paused);
    await page.screenshot({ path: `${SHOTS}/10-training-paused.png` });
    await page.getByTestId('train-resume').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 120_000 }).toMatch(/^done/);
    expect(await stepsDrawn(page)).toBe(188);
    const accuracy = Number((await page.getByTestId('train-epoch-table').textContent())?.match(/([\d.]+)%$/)?.[1]);
    expect(accuracy).toBeGreaterThan(90);
    expect(await page.getByTestId('train-status').textContent()).toContain('on cpu');
    const doc = await page.evaluate(() => convstudioStore.getState().document);
    expect(Object.keys(doc.weights ?? {}).sort()).toEqual(['c1', 'c2', 'd1', 'd2', 'd3']);
    await page.screenshot({ path: `${SHOTS}/11-trained.png` });
    expect(chromium.errors).toEqual([]);
  }, 240_000);
});
