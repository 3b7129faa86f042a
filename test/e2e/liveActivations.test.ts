/**
 * Activations live on the canvas, in Chromium: while LeNet-5 trains in the
 * worker every node card shows a strip of its output (feature maps for C×H×W
 * outputs, bars for vectors, the image for the input node) that changes as
 * the filters learn; choosing another test image changes every strip; the
 * strips can be turned off. Nothing shows before the first run.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, showView, SHOTS } from './openEditor';
import { describeSmoothness, startSmoothnessMeter } from './smoothnessMeter';

type Kind = 'image' | 'maps' | 'bars';

/** Every node of the open graph and the strip it should show, from its type and output shape (the page's store). */
const expectedStrips = (page: Page) => page.evaluate(() => {
  type State = { document: { nodes: { id: string; type: string }[] }; analysis: { infoOf: Map<string, { outputShape: number[] }> } };
  const { document, analysis } = (window as unknown as { convstudioStore: { getState(): State } }).convstudioStore.getState();
  return document.nodes.map((n) => {
    const shape = analysis.infoOf.get(n.id)?.outputShape ?? [];
    const kind: Kind = n.type === 'input' ? 'image' : shape.length === 3 ? 'maps' : 'bars';
    return { id: n.id, kind, channels: shape.length === 3 ? shape[0]! : 0, size: shape.reduce((a, b) => a * b, 1) };
  });
});

/** Each strip's pixels: every canvas in it as a data URL, joined; '' when the strip is absent. */
const stripPixels = (page: Page, ids: string[]) => page.evaluate((wanted) => Object.fromEntries(wanted.map((id) => {
  const strip = document.querySelector(`[data-testid="strip-${id}"]`);
  return [id, strip ? Array.from(strip.querySelectorAll('canvas'), (c) => c.toDataURL()).join('|') : ''];
})), ids);

const stripCount = (page: Page) => page.locator('[data-testid^="strip-"]').count();
/** Whether a run is going: the status bar's lock sign, in sight whichever views are open. */
const training = async (page: Page) => (await page.getByTestId('locked').count()) > 0;
const status = async (page: Page) => {
  await showView(page, 'Train');
  return (await page.getByTestId('train-status').textContent()) ?? '';
};

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('live activations on the canvas', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    // A classroom laptop's screen: everything a run shows must fit on it at once.
    chromium = await openEditor({ viewport: { width: 1366, height: 768 } });
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('shows no strip before any run, and no error', async () => {
    await page.waitForTimeout(500);
    expect(await stripCount(page)).toBe(0);
    expect(chromium.errors).toEqual([]);
  });

  it('trains LeNet-5: every node shows its output, refreshed live, and another test image changes every strip', async () => {
    const nodes = await expectedStrips(page);
    const ids = nodes.map((n) => n.id);
    const maps = nodes.filter((n) => n.kind === 'maps');
    // LeNet-5: the convolutions, their ReLUs and poolings have C×H×W outputs; dense, softmax and the ReLUs after dense are vectors.
    expect(maps.map((n) => n.id)).toEqual(['c1', 'r1', 'p1', 'c2', 'r2', 'p2']);
    expect(nodes.filter((n) => n.kind === 'bars').map((n) => n.id)).toEqual(['f', 'd1', 'r3', 'd2', 'r4', 'd3', 'out']);

    await showView(page, 'Train');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-trainLimit').fill('20000');
    // Smoothness while every strip refreshes (the screenshots wait until it is measured: each takes a long task).
    const stopMeter = await startSmoothnessMeter(page);
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('strip-c1').count(), { timeout: 60_000 }).toBe(1);
    const early = await stripPixels(page, ids);
    expect(await training(page)).toBe(true);

    // At 1366×768 the canvas, the loss chart and the progress line are all in sight, nothing scrolled.
    await expect.poll(() => page.getByTestId('loss-chart').count(), { timeout: 30_000 }).toBe(1);
    const inSight = await page.evaluate(() => ['canvas', 'loss-chart', 'status-progress', 'train-progress'].map((id) => {
      const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
      const visible = box !== undefined && box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
      return `${id}: ${visible ? 'in sight' : `not in sight (${JSON.stringify(box)})`}`;
    }));
    expect(inSight).toEqual(['canvas: in sight', 'loss-chart: in sight', 'status-progress: in sight', 'train-progress: in sight']);
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await page.screenshot({ path: `${SHOTS}/29-training-at-1366x768.png` });

    // Every node has its strip: maps (up to 8, "+N more" past that), bars, the input image.
    for (const n of nodes) {
      const strip = page.getByTestId(`strip-${n.id}`);
      expect(await strip.count(), n.id).toBe(1);
      const label = (await strip.getAttribute('aria-label')) ?? '';
      if (n.kind === 'maps') {
        expect(await strip.locator('canvas.strip__map').count(), n.id).toBe(Math.min(8, n.channels));
        expect(label).toBe(`${n.id}: ${n.channels} feature maps for test image 0${n.channels > 8 ? ', the first 8 shown' : ''}`);
        if (n.channels > 8) expect(await strip.textContent()).toBe(`+${n.channels - 8} more`);
      } else if (n.kind === 'bars') {
        expect(await strip.locator('canvas.strip__bars').count(), n.id).toBe(1);
        expect(label).toMatch(new RegExp(`^${n.id}: ${n.size} values? for test image 0`));
      } else {
        expect(await strip.locator('canvas').count()).toBe(1);
        expect(label).toBe(`${n.id}: test image 0`);
      }
    }
    // Live: over four seconds of training (a refresh a second) the first convolution's maps are repainted several times.
    const seen = new Set<string>();
    for (let i = 0; i < 40 && (await training(page)); i++) {
      seen.add((await stripPixels(page, ['c1']))['c1'] ?? '');
      await page.waitForTimeout(100);
    }
    console.log(`c1's strip over 4 s of training: ${seen.size} different pictures`);
    expect(seen.size).toBeGreaterThanOrEqual(3);

    // Every strip changed from the early moment of the run as the weights learned.
    await expect.poll(async () => {
      const now = await stripPixels(page, ids);
      return ids.filter((id) => id !== 'in' && now[id] === early[id]);
    }, { timeout: 60_000 }).toEqual([]);
    await expect.poll(() => training(page), { timeout: 120_000 }).toBe(false);
    expect(await status(page)).toMatch(/^done/);
    const smooth = await stopMeter();
    console.log(`while training with every strip live: ${describeSmoothness(smooth)}`);
    // Only a stall fails here: smoothness.test.ts holds the 50 fps target, measured alone. Here the
    // machine is shared (with this test's own pixel reads, and on a loaded 2-core machine tasks of
    // over a second were seen with the strips on and off alike, at 20 to 40 frames per second).
    expect(smooth.framesPerSecond).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/30-live-activations-trained.png` });

    // Another test image: every strip, the input's included, shows it.
    await page.waitForTimeout(500); // the refresh after the run ended has landed
    const trained = await stripPixels(page, ids);
    await showView(page, 'Activations');
    await page.getByTestId('activation-sample').fill('5');
    await expect.poll(async () => {
      const now = await stripPixels(page, ids);
      return ids.filter((id) => now[id] === trained[id] || now[id] === '');
    }, { timeout: 15_000 }).toEqual([]);
    expect(await page.getByTestId('strip-c1').getAttribute('aria-label')).toBe('c1: 6 feature maps for test image 5');
    expect(await page.getByTestId('strip-in').getAttribute('aria-label')).toBe('in: test image 5');
    await page.screenshot({ path: `${SHOTS}/31-live-activations-test-image-5.png` });
    for (const id of ['in', 'c2', 'd1', 'out']) await page.locator(`.react-flow__node[data-id="${id}"]`).screenshot({ path: `${SHOTS}/31-live-activations-node-${id}.png` });

    // A random pick changes them all too, but perhaps the output's: a random image of the same digit
    // as image 5 gets the same, saturated, probabilities, drawn as the same bars.
    const five = await stripPixels(page, ids);
    await page.getByTestId('activation-random').click();
    await expect.poll(async () => {
      const now = await stripPixels(page, ids);
      return ids.filter((id) => id !== 'out' && (now[id] === five[id] || now[id] === ''));
    }, { timeout: 15_000 }).toEqual([]);
    expect(chromium.errors).toEqual([]);
  }, 240_000);

  it('turns the strips off and on again, the choice kept in localStorage', async () => {
    await showView(page, 'Activations');
    const toggle = page.getByTestId('activations-on-canvas');
    await toggle.uncheck();
    await expect.poll(() => stripCount(page)).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('convstudio.liveActivations'))).toBe('off');
    await toggle.check();
    await expect.poll(() => page.getByTestId('strip-c1').count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('convstudio.liveActivations'))).toBe('on');
    expect(chromium.errors).toEqual([]);
  }, 60_000);
});
