/**
 * Training in the app, in Chromium: the engine runs in a Web Worker, the
 * panel streams progress and the loss curve, pause and resume work, and the
 * trained weights land in the document.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { openEditor, showView, SHOTS } from './openEditor';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { jpeg, png } from '../helpers/imageFiles';
import { describeSmoothness, startSmoothnessMeter } from './smoothnessMeter';
import { LIVE_BEAT } from '../../renderer/training/paintBeat';

/** The panel's error text, if it shows one: the message a failed run's assertion prints. */
const shownError = async (page: Page) => ((await page.getByTestId('train-error').count()) > 0 ? ((await page.getByTestId('train-error').textContent()) ?? '') : '');

declare const convstudioStore: { getState(): { document: GraphDocument } };

const stepsDrawn = async (page: Page) => Number((await page.getByTestId('loss-chart').getAttribute('aria-label'))?.match(/over (\d+) steps/)?.[1] ?? 0);

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('training in the app', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    chromium = await openEditor();
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('trains LeNet-5 on an MNIST subset in a worker: live curve, pause and resume, above 90% test accuracy, weights in the document', async () => {
    await showView(page, 'Train');
    await page.getByTestId('train-epochs').fill('1');
    // 48,000 images (1,500 steps): long enough that the run is still going when it is paused below, at
    // the wasm backend's ~4,000 samples/s here (6,000 images were done before the pause came).
    await page.getByTestId('train-trainLimit').fill('48000');
    // Watch the first convolution's feature maps while it learns.
    await page.locator('.react-flow__node[data-id="c1"]').click();
    // Smoothness while training (the 20-second measurement is smoothness.test.ts).
    const stopMeter = await startSmoothnessMeter(page);
    await page.getByTestId('train-start').click();
    await expect.poll(() => stepsDrawn(page), { timeout: 60_000 }).toBeGreaterThan(20);
    // The running accuracy is on the progress line while it trains.
    await expect.poll(() => page.getByTestId('train-progress').textContent()).toMatch(/epoch 1 · step \d+\/1500 · loss [\d.]+ · accuracy [\d.]+% · \d+ samples\/s · \d+ s left/);
    // The status bar carries the same line, whichever views are open.
    await expect.poll(() => page.getByTestId('status-progress').textContent()).toMatch(/epoch 1 · step \d+\/1500/);
    await showView(page, 'Activations');
    await expect.poll(() => page.getByTestId('feature-maps').locator('canvas').count(), { timeout: 10_000 }).toBe(6);
    const early = await page.getByTestId('feature-maps').locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await showView(page, 'Train');
    await page.getByTestId('train-pause').click();
    // The steps already on their way (the worker's last batch, the page's next update, which waits
    // for the page's beat) land first; then nothing more comes while paused. A run that does not
    // pause never settles.
    const beat = LIVE_BEAT.interval + 200;
    await expect.poll(async () => {
      const before = await stepsDrawn(page);
      await page.waitForTimeout(beat);
      return (await stepsDrawn(page)) - before;
    }, { timeout: 15_000 }).toBe(0);
    const paused = await stepsDrawn(page);
    await page.waitForTimeout(beat);
    expect(await stepsDrawn(page)).toBe(paused);
    // The graph is locked while the run uses it: an edit is refused with the reason.
    await expect.poll(() => page.getByTestId('locked').textContent()).toContain('the graph is training');
    const during = await page.evaluate(() => convstudioStore.getState().document);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.evaluate(() => (window as unknown as { convstudioStore: { select(ids: string[]): void } }).convstudioStore.select(['r4']));
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Not changed: the graph is training');
    expect(await page.evaluate(() => convstudioStore.getState().document)).toEqual(during);
    await page.evaluate(() => (window as unknown as { convstudioStore: { select(ids: string[]): void } }).convstudioStore.select(['c1']));
    await page.screenshot({ path: `${SHOTS}/10-training-paused.png` });
    await page.getByTestId('train-resume').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 240_000 }).toMatch(/^(done|failed)/);
    expect(await page.getByTestId('train-status').textContent(), await shownError(page)).toMatch(/^done/);
    const smooth = await stopMeter();
    console.log(`while training: ${describeSmoothness(smooth)}`);
    // Only a stall fails here: this test shares the machine with the other test files (tasks of up to
    // 404 ms were seen under that load); the 50 ms target is checked alone in smoothness.test.ts.
    expect(smooth.framesPerSecond).toBeGreaterThan(20);
    expect(Math.max(0, ...smooth.longTasks)).toBeLessThan(1000);
    // The feature maps of the same image changed as the filters learned.
    await showView(page, 'Activations');
    await expect.poll(() => page.getByTestId('feature-maps').locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(early);
    expect(await stepsDrawn(page)).toBe(1500);
    // The epoch slider goes back to the weights before training, and forward again.
    const firstMap = () => page.getByTestId('feature-maps').locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await expect.poll(() => page.getByTestId('activation-epoch').count()).toBe(1);
    const trained = await firstMap();
    await page.getByTestId('activation-epoch').fill('0');
    await expect.poll(() => page.locator('section[aria-label="Activations"]').textContent()).toContain('before training');
    await expect.poll(firstMap).not.toBe(trained);
    await page.locator('section[aria-label="Activations"]').screenshot({ path: `${SHOTS}/11-activations-before-training.png` });
    await page.getByTestId('activation-epoch').fill('1');
    await expect.poll(firstMap).toBe(trained);
    await expect.poll(() => page.getByTestId('locked').count()).toBe(0);
    const accuracy = Number((await page.getByTestId('train-epoch-table').textContent())?.match(/([\d.]+)%$/)?.[1]);
    expect(accuracy).toBeGreaterThan(90);
    expect(await page.getByTestId('accuracy-chart').locator('.u-legend').textContent()).toContain('test 1');
    // The automatic choice timed the backends on this network and says so, and how many threads wasm
    // had (the test page is cross-origin isolated, as the app is; with 2 cores one is left to the page).
    await showView(page, 'Train');
    const reason = await page.getByTestId('train-backend-reason').textContent();
    console.log(reason);
    expect(reason).toMatch(/^why (cpu|wasm|gpujs:webasm): auto: fastest on this network: [\d.]+ ms per step \(((cpu|wasm) [\d.]+ ms)\); WebGL2 left out: .*SwiftShader.* is a software renderer; wasm on (1 thread \(one core here\)|\d+ threads)$/);
    const doc = await page.evaluate(() => convstudioStore.getState().document);
    expect(Object.keys(doc.weights ?? {}).sort()).toEqual(['c1', 'c2', 'd1', 'd2', 'd3']);
    // c1's kernels, one small image each (6 filters × 1 input channel).
    await showView(page, 'Activations');
    await expect.poll(() => page.getByTestId('kernels').locator('canvas').count()).toBe(6);
    // Histograms of c1's weights, its bias, and the size of their last gradients.
    await expect.poll(() => page.getByTestId('histograms').locator('figure').count()).toBe(4);
    // Per-class accuracy and the confusion matrix of the test set.
    await showView(page, 'Evaluate');
    await expect.poll(() => page.getByTestId('evaluation').locator('tbody tr').count(), { timeout: 30_000 }).toBe(10);
    // A confusion cell off the diagonal opens its misclassified test images; choosing one shows what c1 sees for it.
    const mistakes = await page.locator('[data-testid^="confusion-"]').evaluateAll((buttons) => buttons
      .map((b) => ({ id: b.getAttribute('data-testid') ?? '', count: Number(b.textContent) }))
      .filter(({ id }) => { const [, i, j] = id.split('-'); return i !== j; }));
    expect(mistakes.length).toBeGreaterThan(0);
    const worst = mistakes.sort((a, b) => b.count - a.count)[0]!;
    const [, actual] = worst.id.split('-');
    await page.getByTestId(worst.id).click();
    await expect.poll(() => page.getByTestId('gallery').locator('canvas').count()).toBe(Math.min(48, worst.count));
    await page.getByTestId('gallery').locator('button.gallery__image').first().click();
    await page.getByTestId('gallery').screenshot({ path: `${SHOTS}/11-misclassified-images.png` });
    await page.getByTestId('evaluation').screenshot({ path: `${SHOTS}/11-confusion-matrix.png` });
    await showView(page, 'Activations');
    await expect.poll(async () => Number(await page.getByTestId('activation-sample').inputValue())).toBeGreaterThan(0);
    await expect.poll(() => page.locator('section[aria-label="Activations"]').textContent()).toContain(`label of this image: ${actual}`);
    await page.screenshot({ path: `${SHOTS}/11-trained.png` });
    await page.locator('section[aria-label="Activations"]').screenshot({ path: `${SHOTS}/11-activations-and-kernels.png` });
    expect(chromium.errors).toEqual([]);
  }, 420_000);

  it('predicts what is drawn on the pad with the trained network', async () => {
    await showView(page, 'Draw');
    const pad = page.getByTestId('draw-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('no pad');
    // A vertical stroke down the middle: a "1".
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + (0.6 * i) / 12));
    await page.mouse.up();
    const prediction = page.getByTestId('prediction');
    await expect.poll(() => prediction.getAttribute('data-best')).not.toBeNull();
    const shares = (await prediction.locator('li').allTextContents()).map((t) => Number(t.match(/([\d.]+)%/)?.[1]));
    expect(shares).toHaveLength(10);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    console.log(`the drawn stroke is predicted as ${await prediction.getAttribute('data-best')}`);
    await page.screenshot({ path: `${SHOTS}/12-draw-and-predict.png` });
  }, 60_000);

  it('reports a worker that crashes, and leaves the graph and the editor as they were', async () => {
    // Serve a worker script that dies on load: what a crash looks like from the page.
    await page.route('**/worker/trainingWorker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated crash");' }));
    const before = await page.evaluate(() => convstudioStore.getState().document);
    await showView(page, 'Train');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-error').textContent(), { timeout: 30_000 }).toMatch(/the training worker crashed: .*Your graph is unchanged\./);
    expect(await page.evaluate(() => convstudioStore.getState().document)).toEqual(before);
    await expect.poll(() => page.getByTestId('locked').count()).toBe(0);
    await page.unroute('**/worker/trainingWorker.js');
    await page.screenshot({ path: `${SHOTS}/14-worker-crashed.png` });
  }, 60_000);

  it('stops a diverging run with the engine\'s message and a hint, and leaves the graph as it was', async () => {
    const before = await page.evaluate(() => convstudioStore.getState().document);
    await page.getByTestId('train-learningRate').fill('1000000');
    await page.getByTestId('train-trainLimit').fill('2000');
    await page.locator('select').filter({ hasText: 'adam' }).selectOption('sgd');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-error').textContent(), { timeout: 60_000 }).toMatch(/training diverged at step \d+: .*Try a lower learning rate\. Your graph is unchanged\./);
    expect(await page.evaluate(() => convstudioStore.getState().document)).toEqual(before);
    await expect.poll(() => page.getByTestId('locked').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/13-diverged.png` });
    // Every run is kept: the first one can be drawn over this one, its learning rate in the legend.
    await showView(page, 'Charts');
    const overlays = page.getByTestId('run-overlays');
    await overlays.getByLabel(/run 1: adam lr 0\.001 batch 32/).check();
    await expect.poll(() => page.getByTestId('loss-chart').locator('.u-legend').textContent()).toContain('run 1: adam lr 0.001 batch 32');
    expect(await page.getByTestId('loss-chart').locator('.u-legend').textContent()).toMatch(/run \d: sgd lr 1000000 batch 32/);
    await page.getByTestId('loss-chart').screenshot({ path: `${SHOTS}/13-runs-overlaid.png` });
    // The editor is still usable: an edit goes through.
    await page.getByTestId('quick-add').focus();
    await page.keyboard.type('relu');
    await page.keyboard.press('Enter');
    expect((await page.evaluate(() => convstudioStore.getState().document)).nodes).toHaveLength(before.nodes.length + 1);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await page.getByTestId('train-learningRate').fill('0.001');
    await page.locator('select').filter({ hasText: 'adam' }).selectOption('adam');
  }, 120_000);

  it('cancels a long folder import at once, and nothing is added', async () => {
    // 60 photos of 2400×2400 (one flat JPEG, written 60 times): seconds of decoding in the worker.
    const folder = join(mkdtempSync(join(tmpdir(), 'convstudio-photos-')), 'big-photos');
    const photo = jpeg(2400, 2400, [90, 120, 150]);
    for (const name of ['a', 'b']) {
      mkdirSync(join(folder, name), { recursive: true });
      for (let i = 0; i < 30; i++) writeFileSync(join(folder, name, `${i}.jpg`), photo);
    }
    await showView(page, 'Train');
    await page.getByTestId('import-folder').setInputFiles(folder);
    await expect.poll(() => page.getByTestId('import-progress').textContent()).toMatch(/decoding \d+\/60 images/);
    const clicked = Date.now();
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toBe('Import of big-photos cancelled: nothing was added.');
    console.log(`import cancelled in ${Date.now() - clicked} ms`);
    expect(await page.getByTestId('train-dataset').locator('option').allTextContents()).not.toContain('big-photos');
    expect(await page.getByTestId('import-folder').isEnabled()).toBe(true);
    await page.locator('section[aria-label="Training"]').screenshot({ path: `${SHOTS}/15-folder-import-cancelled.png` });
  }, 60_000);

  it('imports a folder of pictures with progress and the skipped files, and trains on it', async () => {
    // Two classes a network tells apart by brightness, 40 pictures each, plus files that cannot be used.
    const folder = join(mkdtempSync(join(tmpdir(), 'convstudio-folder-')), 'my-pictures');
    for (const [name, base] of [['dark', 30], ['bright', 200]] as const) {
      mkdirSync(join(folder, name), { recursive: true });
      for (let i = 0; i < 40; i++) writeFileSync(join(folder, name, `${i}.png`), png(20 + (i % 9), 20 + (i % 7), [base + (i % 20), base, base - (i % 15)]));
    }
    writeFileSync(join(folder, 'bright', 'notes.txt'), 'not a picture');
    writeFileSync(join(folder, 'dark', 'broken.png'), 'not really a png');
    writeFileSync(join(folder, 'readme.md'), 'outside the class folders');

    await showView(page, 'Train');
    await page.getByTestId('import-folder').setInputFiles(folder);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 60_000 }).toBe('my-pictures: 2 classes, 64 training and 16 test images, 28×28 gray');
    const skipped = await page.getByTestId('import-skipped').textContent();
    expect(skipped).toContain('3 files skipped');
    expect(skipped).toMatch(/bright\/notes\.txt: not an image file/);
    expect(skipped).toMatch(/dark\/broken\.png: /);
    expect(skipped).toMatch(/readme\.md: not inside a class folder/);
    expect(await page.getByTestId('train-dataset').inputValue()).toBe('my-pictures');
    // Two classes: the last dense layer gets two units, in the inspector.
    await page.locator('.react-flow__node[data-id="d3"]').click();
    await showView(page, 'Inspector');
    await page.getByTestId('field-d3-units').fill('2');
    await showView(page, 'Train');
    await page.getByTestId('train-trainLimit').fill('');
    await page.getByTestId('train-epochs').fill('3');
    await page.getByTestId('train-start').click();
    const outcome = () => page.locator('section[aria-label="Training"]').evaluate((panel) => `${panel.querySelector('[data-testid="train-status"]')?.textContent} ${panel.querySelector('[data-testid="train-error"]')?.textContent ?? ''}`);
    await expect.poll(outcome, { timeout: 120_000 }).toMatch(/^(done|failed)/);
    const finished = await outcome();
    expect(finished, finished).toMatch(/^done/);
    await showView(page, 'Charts');
    const accuracy = Number((await page.getByTestId('train-epoch-table').textContent())?.match(/([\d.]+)%$/)?.[1]);
    expect(accuracy).toBeGreaterThanOrEqual(90);
    // The data set it trained on is still the one shown (it fell back to the first option, mnist, once).
    await showView(page, 'Train');
    expect(await page.getByTestId('train-dataset').inputValue()).toBe('my-pictures');
    await page.locator('section[aria-label="Training"]').screenshot({ path: `${SHOTS}/15-folder-import.png` });
  }, 180_000);

  // After auto runs on wasm's helper threads: when auto also timed gpu.js on WebAssembly, the memories of
  // its 96 kernels outlived each run's worker and this run could not allocate its own.
  it('trains on a backend pinned in the panel (gpu.js on WebAssembly) and says so', async () => {
    await page.getByTestId('train-backend').selectOption('gpujs:webasm');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-start').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 120_000 }).toMatch(/^(done|failed)/);
    expect(await page.getByTestId('train-status').textContent(), await shownError(page)).toBe('done: done on gpujs:webasm');
    expect(await page.getByTestId('train-backend-reason').textContent()).toBe('why gpujs:webasm: chosen in the panel');
    await page.getByTestId('train-backend').selectOption('auto');
  }, 120_000);

  it('stops a long run at once, keeps what it learned so far, and unlocks the graph', async () => {
    await showView(page, 'Charts');
    await page.getByTestId('train-epochs').fill('300');
    await page.getByTestId('train-start').click();
    await expect.poll(() => stepsDrawn(page), { timeout: 60_000 }).toBeGreaterThan(10);
    await page.getByTestId('train-stop').click();
    await expect.poll(() => page.getByTestId('train-status').textContent(), { timeout: 30_000 }).toMatch(/^stopped/);
    const drawn = await stepsDrawn(page);
    expect(drawn).toBeLessThan(300 * 2);
    await expect.poll(() => page.getByTestId('locked').count()).toBe(0);
    // The evaluation of the weights as they were when stopped.
    await showView(page, 'Evaluate');
    await expect.poll(() => page.getByTestId('evaluation').locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    await page.screenshot({ path: `${SHOTS}/16-stopped.png` });
  }, 120_000);
});
