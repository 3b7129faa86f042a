/**
 * The lessons in Chromium, driven as a student would: opened from the
 * palette, Help and the inspector; numbers read off the page and checked
 * against `convstudio lesson … --json` (the same engine code from the
 * command line) and against what the lesson must show (a flat patch, the
 * lecture's slide). Each leaves a screenshot in test-results/e2e/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { convstudio } from '../helpers/cli';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

const number = (text: string | null) => Number((text ?? '').replace('−', '-').replace(/,/g, ''));

/** Opens a lesson from the command palette, as typed. */
async function openFromPalette(page: Page, label: string, id: string, ready: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-palette-input').fill(label);
  await page.getByTestId(`command-palette-item-${id}`).click();
  await page.getByTestId(ready).waitFor();
}

/** Milliseconds from running a command in the page until `ready` is in the document (measured in the page, frame by frame). */
const timeToShow = (page: Page, command: string, ready: string) => page.evaluate(([id, selector]) => new Promise<number>((resolve) => {
  const started = performance.now();
  (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run(id!);
  const look = () => (document.querySelector(selector!) ? resolve(performance.now() - started) : requestAnimationFrame(look));
  look();
}), [command, `[data-testid="${ready}"]`]);

/** Points at output pixel (y, x) of the kernels lesson; resolves to the ms until the explanation showed it (measured in the page). */
async function pointAt(page: Page, y: number, x: number): Promise<number> {
  const took = await page.getByTestId('kernels-output').evaluate((grid, [row, column]) => new Promise<number>((resolve) => {
    const box = grid.getBoundingClientRect();
    const size = Number(grid.getAttribute('aria-label')!.match(/(\d+)×(\d+)/)![2]);
    const cell = box.width / size;
    const started = performance.now();
    grid.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: box.left + (column! + 0.5) * cell, clientY: box.top + (row! + 0.5) * cell }));
    const look = () => (document.querySelector('.lesson__result')?.textContent?.includes(`row ${row}, column ${column}:`) ? resolve(performance.now() - started) : requestAnimationFrame(look));
    look();
  }), [y, x]);
  return took;
}

/** Serious and critical accessibility violations inside one lesson's view. */
async function axeProblems(page: Page, lesson: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(`[data-testid="lesson-${lesson}"]`).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the lessons in Chromium', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    chromium = await openEditor({ viewport: { width: 1440, height: 900 } });
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('kernels: flat patch, hovered products, the same numbers as the command line', async () => {
    // Timed in the page: the first opening (MNIST's test images were decoded while the page was idle) and a second one.
    const opened = [await timeToShow(page, 'view:lesson-kernels', 'kernels-value')];
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run('view:lesson-kernels')); // closes it
    opened.push(await timeToShow(page, 'view:lesson-kernels', 'kernels-value'));
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run('view:lesson-kernels'));
    await openFromPalette(page, 'Lesson: Kernels', 'view:lesson-kernels', 'kernels-value');
    // A flat patch: the edge detector answers 0 and sharpen keeps the value, inside the picture (valid).
    await page.getByTestId('kernels-picture-source').selectOption('flat');
    await page.getByTestId('kernels-padding').selectOption('valid');
    await expect.poll(() => page.getByTestId('kernels-value').textContent()).toBe('0.000');
    await page.getByTestId('kernels-preset').selectOption('sharpen');
    await expect.poll(() => page.getByTestId('kernels-value').textContent()).toBe('0.500');

    // A digit with the lecture's edge detector: the products shown sum to the output shown.
    await page.getByTestId('kernels-picture-source').selectOption('mnist');
    await page.getByTestId('kernels-preset').selectOption('edge-detect');
    await page.getByTestId('kernels-padding').selectOption('same');
    const hovers: number[] = [];
    for (const [y, x] of [[7, 9], [12, 16], [20, 11]] as const) {
      hovers.push(await pointAt(page, y, x));
      const products = (await page.getByTestId('kernels-products').locator('td').allTextContents()).map(number);
      const shown = number(await page.getByTestId('kernels-value').textContent());
      expect(products).toHaveLength(9);
      expect(products.reduce((a, b) => a + b, 0)).toBeCloseTo(shown, 1); // each product is shown to 2 decimals
      const cli = JSON.parse(convstudio('lesson', 'kernels', '--picture', 'mnist:0', '--kernel', 'edge-detect', '--padding', 'same', '--at', `${y},${x}`, '--json').stdout);
      expect(shown).toBeCloseTo(cli.explained.sum, 3);
      expect(number(await page.getByTestId('kernels-sum').textContent())).toBeCloseTo(cli.explained.sum, 3);
    }
    // The outline on the input is the hovered pixel's window: rows 19-21, columns 10-12 for (20, 11) with same padding.
    const [input, outline] = [await page.getByTestId('kernels-input').boundingBox(), await page.locator('[data-testid="kernels-input"] .heatmap__outline').boundingBox()];
    const cell = input!.width / 28;
    expect(Math.round((outline!.x - input!.x) / cell)).toBe(10);
    expect(Math.round((outline!.y - input!.y) / cell)).toBe(19);
    // A typed weight recomputes the output at once.
    await page.getByTestId('kernels-kernel').getByLabel('kernel, row 2, column 2').fill('9');
    const cli = JSON.parse(convstudio('lesson', 'kernels', '--picture', 'mnist:0', '--kernel=-1 -1 -1 -1 9 -1 -1 -1 -1', '--at', '20,11', '--json').stdout);
    await expect.poll(async () => number(await page.getByTestId('kernels-value').textContent())).toBeCloseTo(cli.explained.sum, 3);
    console.log(`kernels lesson: opened in ${opened.map((t) => t.toFixed(0)).join(' ms, then ')} ms; a hover answered in ${hovers.map((t) => t.toFixed(0)).join(', ')} ms (28×28, measured in the page)`);
    await page.screenshot({ path: `${SHOTS}/lesson-kernels.png` });
    expect(await axeProblems(page, 'kernels')).toEqual([]);

    // Add to graph: the kernel as a fixed conv2d node after the input.
    const before = await page.evaluate(() => (window as unknown as { convstudioStore: { getState(): { document: { nodes: unknown[] } } } }).convstudioStore.getState().document.nodes.length);
    await page.getByTestId('kernels-add').click();
    const added = await page.evaluate(() => {
      const { document } = (window as unknown as { convstudioStore: { getState(): { document: { nodes: { id: string; type: string; params: Record<string, unknown> }[]; edges: { from: string; to: string }[]; weights: Record<string, { weight: { data: number[] } }> } } } }).convstudioStore.getState();
      const node = document.nodes.at(-1)!;
      return { count: document.nodes.length, node, from: document.edges.find((e) => e.to === node.id)?.from, weights: document.weights[node.id]?.weight.data };
    });
    expect(added.count).toBe(before + 1);
    expect(added.node).toMatchObject({ type: 'conv2d', params: { filters: 1, kernelSize: [3, 3], trainable: false, useBias: false } });
    expect(added.from).toBe('in');
    expect(added.weights).toEqual([-1, -1, -1, -1, 9, -1, -1, -1, -1]);
    // Undone, as a teacher would after showing it: the later lessons' screenshots show LeNet-5 without a dangling node.
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run('undo'));
    await expect.poll(() => page.evaluate(() => (window as unknown as { convstudioStore: { getState(): { document: { nodes: unknown[] } } } }).convstudioStore.getState().document.nodes.length)).toBe(before);

    // Learn this kernel: from zeros to the hidden edge detector, live, on MNIST test image 0.
    await page.getByTestId('learner-run').click();
    await page.getByTestId('learner-within').waitFor({ timeout: 60_000 });
    const within = await page.getByTestId('learner-within').textContent();
    await expect.poll(async () => number(await page.getByTestId('learner-error').textContent()), { timeout: 60_000 }).toBeLessThan(0.001);
    const learned = (await page.getByTestId('learner-kernel').locator('td').allTextContents()).map(number);
    expect(learned).toEqual([-1, -1, -1, -1, 8, -1, -1, -1, -1]);
    console.log(`learn this kernel (edge detect, MNIST test image 0, Adam 0.1): every weight within 0.05 from step ${within}; at step ${await page.getByTestId('learner-step').textContent()} the largest error is ${await page.getByTestId('learner-error').textContent()}`);
    await page.getByTestId('lesson-kernels').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await page.screenshot({ path: `${SHOTS}/lesson-kernels-learn.png` });
    expect(chromium.errors).toEqual([]);
  });

  it('costs: the lecture slide’s six numbers from Help, the measured column, and a node’s own layer from its Explain button', async () => {
    const opened = await timeToShow(page, 'view:lesson-costs', 'costs-table');
    console.log(`costs lesson: opened in ${opened.toFixed(0)} ms`);
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run('view:lesson-costs')); // closes it
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string): void } }).convstudioCommands.run('help-concepts'));
    await page.getByTestId('open-lesson-costs').click();
    await page.getByTestId('costs-table').waitFor();
    const cells = async () => Object.fromEntries(await Promise.all(['convolution', 'dense', 'sparse'].flatMap((k) => ['stored', 'flops'].map(async (m) => [`${k}-${m}`, number(await page.getByTestId(`costs-${k}-${m}`).textContent())] as const))));
    expect(await cells()).toEqual({
      'convolution-stored': 2, 'convolution-flops': 267_960,
      'dense-stored': 8_003_072_000, 'dense-flops': 16_006_054_680,
      'sparse-stored': 178_640, 'sparse-flops': 267_960,
    });
    await page.getByTestId('costs-measure').click();
    await expect.poll(() => page.getByTestId('costs-dense-ms').textContent(), { timeout: 30_000 }).toBe('not run: W needs 32.0 GB');
    expect(await page.getByTestId('costs-convolution-ms').textContent()).toMatch(/^\d+\.\d{3} ms$/);
    await page.screenshot({ path: `${SHOTS}/lesson-costs.png` });
    expect(await axeProblems(page, 'costs')).toEqual([]);

    // LeNet-5's c1 (6 filters of 5×5 on 1×28×28) from the inspector: the table is the command line's for the same layer.
    await page.locator('.react-flow__node[data-id="c1"]').click();
    await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
    await page.getByTestId('explain-costs').click();
    await expect.poll(() => page.getByTestId('costs-input').inputValue()).toBe('1x28x28');
    const cli = JSON.parse(convstudio('lesson', 'costs', '--preset', 'none', '--input', '1x28x28', '--filters', '6', '--kernel', '5x5', '--json').stdout);
    const shown = await cells();
    for (const k of ['convolution', 'dense', 'sparse'] as const) {
      expect(shown[`${k}-stored`]).toBe(cli.table[k].storedFloats);
      expect(shown[`${k}-flops`]).toBe(cli.table[k].flops);
    }
    await page.getByTestId('costs-measure').click();
    await expect.poll(() => page.getByTestId('costs-dense-ms').textContent(), { timeout: 30_000 }).toMatch(/^\d+\.\d{3} ms$/);
    console.log(`costs lesson, c1 of LeNet-5 measured here: convolution ${await page.getByTestId('costs-convolution-ms').textContent()}, dense ${await page.getByTestId('costs-dense-ms').textContent()}`);
    expect(chromium.errors).toEqual([]);
  });
  it('equivariance: zero difference inside the band for conv2d, not for locallyConnected2d; arrows shift; a shared weight meets every pixel', async () => {
    const opened = await timeToShow(page, 'view:lesson-equivariance', 'equivariance-inside');
    await page.getByTestId('equivariance-picture-source').selectOption('photo');
    await page.getByTestId('equivariance-shift-down').click(); // (1, 2)
    await page.getByTestId('equivariance-shift').focus();
    await page.keyboard.press('ArrowRight'); // (1, 3)
    await expect.poll(() => page.getByTestId('equivariance-shift-dx').inputValue()).toBe('3');
    const cliOf = (layer: string) => JSON.parse(convstudio('lesson', 'equivariance', '--picture', 'photo', '--layer', layer, '--dy', '1', '--dx', '3', '--json').stdout);
    const shared = cliOf('conv2d');
    expect(shared.largestInside).toBe(0);
    await expect.poll(() => page.getByTestId('equivariance-inside').textContent()).toBe('0.00');
    expect(number(await page.getByTestId('equivariance-band').textContent())).toBeCloseTo(shared.largestInBand, 2);
    expect(shared.largestInBand).toBeGreaterThan(0); // the photograph's border is not black
    await page.screenshot({ path: `${SHOTS}/lesson-equivariance.png` });
    expect(await axeProblems(page, 'equivariance')).toEqual([]);

    await page.getByTestId('equivariance-layer').selectOption('locallyConnected2d');
    const local = cliOf('locallyConnected2d');
    expect(local.largestInside).toBeGreaterThan(0.05);
    await expect.poll(async () => number(await page.getByTestId('equivariance-inside').textContent())).toBeCloseTo(local.largestInside, 2);

    // Pointing at a weight: shared, it meets (nearly) every pixel of the input; local, one pixel.
    const marked = () => page.getByTestId('equivariance-input').evaluate((grid) => {
      const mask = grid.querySelector<HTMLCanvasElement>('.heatmap__mask')!;
      const pixels = mask.getContext('2d')!.getImageData(0, 0, mask.width, mask.height).data;
      let count = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) count++;
      return { count, of: mask.width * mask.height };
    });
    await page.getByTestId('equivariance-weights').locator('td').nth(4).hover();
    expect((await marked()).count).toBe(1);
    await page.getByTestId('equivariance-layer').selectOption('conv2d');
    await page.getByTestId('equivariance-weights').locator('td').nth(4).hover();
    await expect.poll(async () => (await marked()).count).toBe(133 * 200); // the middle weight, same padding: every pixel
    console.log(`equivariance lesson: opened in ${opened.toFixed(0)} ms; photo shifted (1, 3): largest difference inside the band ${shared.largestInside} (conv2d), ${local.largestInside.toFixed(3)} (locallyConnected2d)`);
    expect(chromium.errors).toEqual([]);
  });

  it('pooling: the unchanged fractions shown are the command line’s, bigger pools keep more; the experiment trains both networks', { timeout: 600_000 }, async () => {
    const opened = await timeToShow(page, 'view:lesson-pooling', 'pooling-table');
    const cli = JSON.parse(convstudio('lesson', 'pooling', '--json').stdout);
    for (const row of cli.rows as { pool: number; unchanged: number[] }[]) {
      for (const [shift, fraction] of row.unchanged.entries()) {
        expect(await page.getByTestId(`pooling-cell-${row.pool}-${shift}`).textContent()).toBe(`${(100 * fraction).toFixed(1)}%`);
      }
    }
    const [none, two, three] = cli.rows as { unchanged: number[] }[];
    expect(none!.unchanged[1]).toBeLessThan(two!.unchanged[1]!);
    expect(two!.unchanged[1]).toBeLessThan(three!.unchanged[1]!);
    await page.getByTestId('pooling-cell-3-1').locator('button').click();
    await expect.poll(() => page.getByTestId('pooling-after').getAttribute('aria-label')).toMatch(/26×26/);
    console.log(`pooling lesson: opened in ${opened.toFixed(0)} ms; unchanged after 1 px: ${cli.rows.map((r: { pool: number; unchanged: number[] }) => `pool ${r.pool} ${(100 * r.unchanged[1]!).toFixed(1)}%`).join(', ')}`);
    await page.screenshot({ path: `${SHOTS}/lesson-pooling.png` });
    expect(await axeProblems(page, 'pooling')).toEqual([]);

    // The experiment: both networks trained in workers, progress shown, test accuracies side by side (whatever they are).
    await page.getByTestId('experiment-run').click();
    await page.getByTestId('experiment-progress').waitFor();
    await page.getByTestId('experiment-table').waitFor({ timeout: 560_000 });
    const accuracy = async (arm: number) => number((await page.getByTestId(`experiment-test-${arm}`).textContent())!.replace('%', '')) / 100;
    const [pooled, unpooled] = [await accuracy(0), await accuracy(1)];
    for (const a of [pooled, unpooled]) expect(a).toBeGreaterThan(0.05); // better than nothing: both learned something
    console.log(`pooling experiment (shifted-digits, 12,000 training images, 1 epoch, 1,000 test): test accuracy ${(100 * pooled).toFixed(1)}% with pooling, ${(100 * unpooled).toFixed(1)}% without; ${await page.getByTestId('experiment-table').innerText()}`);
    await page.getByTestId('experiment').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/lesson-pooling-experiment.png` });
    expect(chromium.errors).toEqual([]);
  });
  it('receptive fields: LeNet-5 c2 sees 14×14 pixels with jump 2, p2 16×16 with jump 4; an input pixel reaches what the command line says', async () => {
    await page.locator('.react-flow__node[data-id="c2"]').click();
    await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
    expect(await page.getByTestId('inspector-field').textContent()).toMatch(/^Receptive field: 14×14 input pixels, jump 2×2, starting at \(0, 0\)/);
    const started = Date.now();
    await page.getByTestId('explain-fields').click();
    await expect.poll(() => page.getByTestId('fields-input-pixels').textContent()).toBe('196');
    const opened = Date.now() - started;
    expect(await page.getByTestId('fields-stats-c2').textContent()).toBe('field 14×14, jump 2×2, start (0, 0)');
    expect(await page.getByTestId('fields-stats-p2').textContent()).toBe('field 16×16, jump 4×4, start (0, 0)');
    // Click input pixel (14, 14): every unit it reaches lights up, layer by layer, as the command line counts them.
    // Timed in the page: from the click to the last node's count changing.
    const took = await page.getByTestId('fields-grid-in').evaluate((grid) => new Promise<number>((resolve) => {
      const box = grid.getBoundingClientRect();
      const before = document.querySelector('[data-testid="fields-lit-out"]')?.textContent;
      const started = performance.now();
      grid.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.left + (14.5 * box.width) / 28, clientY: box.top + (14.5 * box.height) / 28 }));
      const look = () => (document.querySelector('[data-testid="fields-lit-out"]')?.textContent !== before ? resolve(performance.now() - started) : requestAnimationFrame(look));
      look();
    }));
    const cli = JSON.parse(convstudio('lesson', 'fields', '--direction', 'influences', '--unit', '0,14,14', '--json').stdout);
    for (const id of ['c1', 'p1', 'c2', 'p2', 'd1', 'out']) {
      await expect.poll(() => page.getByTestId(`fields-lit-${id}`).textContent()).toBe(String(cli.units[id].length));
    }
    console.log(`receptive fields lesson: opened from the inspector in ${opened} ms (with Playwright's round trips), an input click answered in ${took.toFixed(0)} ms (in the page); pixel (14, 14) reaches ${['c1', 'p1', 'c2', 'p2', 'd1'].map((id) => `${id} ${cli.units[id].length}`).join(', ')} units`);
    await page.screenshot({ path: `${SHOTS}/lesson-fields.png` });
    expect(await axeProblems(page, 'fields')).toEqual([]);
    expect(chromium.errors).toEqual([]);
  });
  it('the Edge detection (lecture) template opens the Kernels lesson on its own kernel', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.evaluate(() => (window as unknown as { convstudioCommands: { run(id: string, argument?: string): void } }).convstudioCommands.run('new-from-template', 'edge-detection.json'));
    await expect.poll(() => page.getByTestId('lesson-kernels').isVisible()).toBe(true);
    await expect.poll(async () => (await page.getByTestId('kernels-kernel').locator('input').evaluateAll((cells) => cells.map((c) => Number((c as HTMLInputElement).value))))).toEqual([-1, -1, -1, -1, 8, -1, -1, -1, -1]);
    expect(await page.getByTestId('kernels-preset').inputValue()).toBe('edge-detect');
    expect(chromium.errors).toEqual([]);
  });
  it('zero padding: the visit counts, output sizes and stacks of the command line; full reads every pixel k·k times, valid a corner once', async () => {
    const opened = await timeToShow(page, 'view:lesson-padding', 'padding-visits');
    const cli = JSON.parse(convstudio('lesson', 'padding', '--json').stdout);
    const cells = async (id: string) => (await page.getByTestId(id).locator('td').allTextContents()).map(number);
    for (const mode of ['valid', 'same', 'full'] as const) {
      await page.getByTestId(`padding-mode-${mode}`).check();
      expect(await cells('padding-visits'), mode).toEqual(cli.modes[mode].visits);
      expect(await cells('padding-output'), mode).toEqual(cli.modes[mode].output.data);
      expect(await page.getByTestId(`padding-stack-${mode}`).textContent()).toBe(cli.modes[mode].stack.rows.map((n: number) => Math.max(0, n)).join(' → '));
    }
    expect(new Set(cli.modes.full.visits)).toEqual(new Set([9]));
    expect(cli.modes.valid.visits[0]).toBe(1);
    await page.screenshot({ path: `${SHOTS}/lesson-padding.png` });
    expect(await axeProblems(page, 'padding')).toEqual([]);
    // An edit: a 5×7 input and a 2×4 kernel, answered at once.
    const started = Date.now();
    await page.getByTestId('padding-size').fill('5x7');
    await page.getByTestId('padding-kernel').fill('2x4');
    await expect.poll(async () => (await cells('padding-visits')).length).toBe(35);
    const edited = Date.now() - started;
    expect(new Set(await cells('padding-visits'))).toEqual(new Set([8]));
    console.log(`padding lesson: opened in ${opened.toFixed(0)} ms; an edit of both fields answered in ${edited} ms (with Playwright's round trips)`);
    expect(chromium.errors).toEqual([]);
  });

  it('strides: the strided output is the stride-1 output sampled; unread pixels are counted as the command line counts them', async () => {
    const opened = await timeToShow(page, 'view:lesson-strides', 'strides-summary');
    await page.getByTestId('strides-stride').fill('4');
    await page.getByTestId('strides-kernel').selectOption('identity');
    const cli = JSON.parse(convstudio('lesson', 'strides', '--stride', '4', '--kernel', 'identity', '--json').stdout);
    await expect.poll(() => page.getByTestId('strides-kept').textContent()).toBe(String(cli.keptAt.length));
    expect(cli.keptAt.length).toBe(7 * 7);
    expect(await page.getByTestId('strides-unread').textContent()).toBe(String(cli.unreadPixels));
    expect(cli.unreadPixels).toBe(7 * 28 + 7 * 28 - 49); // rows and columns 3, 7, …, 27 are never read
    expect(await page.getByTestId('strides-strided').getAttribute('aria-label')).toMatch(/7×7$/);
    await page.screenshot({ path: `${SHOTS}/lesson-strides.png` });
    expect(await axeProblems(page, 'strides')).toEqual([]);
    console.log(`strides lesson: opened in ${opened.toFixed(0)} ms; stride 4, 3×3 on 28×28: ${cli.keptAt.length} outputs kept, ${cli.unreadPixels} pixels unread`);
    expect(chromium.errors).toEqual([]);
  });
  it('channels: the three slices plus the bias are the feature map, as the command line prints; the parameter count follows C_out', async () => {
    const opened = await timeToShow(page, 'view:lesson-channels', 'channels-output');
    const cli = JSON.parse(convstudio('lesson', 'channels', '--json').stdout);
    expect(cli.parameters).toBe((3 * 3 * 3 + 1) * 4);
    for (const [c, v] of (cli.at.slices as number[]).entries()) expect(number(await page.getByTestId(`channels-value-${c + 1}`).textContent())).toBeCloseTo(v, 3);
    expect(number(await page.getByTestId('channels-output').textContent())).toBeCloseTo(cli.at.output, 3);
    expect(Math.abs(cli.at.sum - cli.at.output)).toBeLessThan(1e-6);
    expect(await page.getByTestId('channels-parameters').textContent()).toContain('112');
    await page.screenshot({ path: `${SHOTS}/lesson-channels.png` });
    expect(await axeProblems(page, 'channels')).toEqual([]);
    // Another filter, and more filters: the count and the maps change.
    await page.getByTestId('channels-filter-3').click();
    const third = JSON.parse(convstudio('lesson', 'channels', '--filter', '3', '--json').stdout);
    await expect.poll(async () => number(await page.getByTestId('channels-output').textContent())).toBeCloseTo(third.at.output, 3);
    const started = Date.now();
    await page.getByTestId('channels-filters').fill('6');
    await expect.poll(() => page.getByTestId('channels-parameters').textContent()).toContain('168');
    console.log(`channels lesson: opened in ${opened.toFixed(0)} ms; C_out 4 → 6 answered in ${Date.now() - started} ms (with Playwright's round trips); filter 1 at the middle pixel: ${cli.at.slices.map((v: number) => v.toFixed(3)).join(' + ')} + ${cli.bias.toFixed(3)} = ${cli.at.output.toFixed(3)}`);
    expect(chromium.errors).toEqual([]);
  });
  it('backprop as Wᵀ: W of the lecture’s 4×4 input and 2×2 kernel, the products equal to the engine’s convolution and its transposed convolution', async () => {
    const opened = await timeToShow(page, 'view:lesson-toeplitz', 'toeplitz-w');
    const cli = JSON.parse(convstudio('lesson', 'toeplitz', '--json').stdout);
    const cells = async (id: string) => (await page.getByTestId(id).locator('td').allTextContents()).map(number);
    expect(await cells('toeplitz-w')).toEqual(cli.W);
    expect(cli.W.slice(0, 16)).toEqual([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await cells('toeplitz-forward-matrix')).toEqual(await cells('toeplitz-forward-engine'));
    expect(await cells('toeplitz-backward-matrix')).toEqual(await cells('toeplitz-backward-engine'));
    expect(await cells('toeplitz-backward-engine')).toEqual(cli.backward.engine.map((v: number) => Number(v.toFixed(2))));
    expect(await page.getByTestId('toeplitz-backward-difference').textContent()).toBe('0.0e+0');
    // Pointing at a cell of W marks its row's output pixel.
    await page.getByTestId('toeplitz-w').locator('td').nth(4 * 16 + 5).hover();
    // (Scrolling W into view may pass the pointer over other rows first: wait for the one pointed at.)
    await expect.poll(() => page.getByTestId('toeplitz-forward-matrix').locator('td').nth(4).getAttribute('class')).toContain('marked');
    expect(await page.getByTestId('toeplitz-forward-matrix').locator('td.number-grid__cell--marked').count()).toBe(1);
    // An edit: stride 2 with same padding on the same input, answered at once.
    const started = Date.now();
    await page.getByTestId('toeplitz-padding').selectOption('same');
    await page.getByTestId('toeplitz-stride').fill('2');
    const strided = JSON.parse(convstudio('lesson', 'toeplitz', '--stride', '2', '--padding', 'same', '--json').stdout);
    await expect.poll(async () => (await cells('toeplitz-w')).length).toBe(strided.W.length);
    console.log(`toeplitz lesson: opened in ${opened.toFixed(0)} ms; padding and stride edited in ${Date.now() - started} ms (with Playwright's round trips and a command-line run); W ${cli.W.length / 16}×16`);
    await page.screenshot({ path: `${SHOTS}/lesson-toeplitz.png` });
    expect(await axeProblems(page, 'toeplitz')).toEqual([]);
    expect(chromium.errors).toEqual([]);
  });
  it('backprop as Wᵀ, step-through: one training step, an operation per step, with the command line’s gradients and update', async () => {
    await page.getByTestId('step-through').scrollIntoViewIfNeeded();
    const cli = JSON.parse(convstudio('lesson', 'toeplitz', '--json').stdout).stepThrough;
    const where = page.getByTestId('step-where');
    expect(await where.textContent()).toContain(`Step 1 of ${cli.steps.length}, forward`);
    // The first tensor shown is the batch itself: the vertical bar's column of ones.
    const firstGrid = page.getByTestId('step-tensors').locator('table').first();
    expect((await firstGrid.locator('td').allTextContents()).map(number)).toEqual(cli.input.data.slice(0, 36));
    // Next, one operation at a time, to the convolution's backward step (by the buttons, then by the arrow keys).
    const convBackward = cli.steps.findIndex((s: { phase: string; nodeId?: string }) => s.phase === 'backward' && s.nodeId === 'conv');
    for (let i = 0; i < 8; i++) await page.getByTestId('step-next').click();
    expect(await where.textContent()).toContain(`Step 9 of ${cli.steps.length}, backward`);
    await page.getByTestId('step-through').focus();
    for (let i = 8; i < convBackward; i++) await page.keyboard.press('ArrowRight');
    expect(await where.textContent()).toContain(`Step ${convBackward + 1} of ${cli.steps.length}, backward: Convolution, backward`);
    const shown = async (tensor: number) => (await page.getByTestId('step-tensor').nth(tensor).locator('table').evaluateAll((tables) => tables.flatMap((t) => Array.from(t.querySelectorAll('td'), (td) => td.textContent)))).map(number);
    const round = (values: number[]) => values.map((v) => Number(v.toFixed(2)) + 0); // + 0: -0 shows as 0
    expect(await shown(0)).toEqual(round(cli.gradients.conv.weight.data));
    await page.getByTestId('step-formula').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/lesson-toeplitz-step.png` });
    // The last step: each parameter before and after the update; a larger learning rate moves them further.
    await page.keyboard.press('ArrowRight');
    expect(await where.textContent()).toContain('update');
    expect(await shown(1)).toEqual(round(cli.after.conv.weight));
    const started = Date.now();
    await page.getByTestId('step-rate').fill('0.5');
    const faster = JSON.parse(convstudio('lesson', 'toeplitz', '--rate', '0.5', '--json').stdout).stepThrough;
    await expect.poll(() => shown(1)).toEqual(round(faster.after.conv.weight));
    expect(await page.getByTestId('step-formula').textContent()).toContain(faster.lossAfter.toFixed(3));
    console.log(`toeplitz step-through: ${cli.steps.length} steps; loss ${cli.loss.toFixed(3)} → ${cli.lossAfter.toFixed(3)} at η 0.1, → ${faster.lossAfter.toFixed(3)} at η 0.5; rate edited in ${Date.now() - started} ms (with a command-line run)`);
    await page.getByTestId('step-previous').click();
    expect(await where.textContent()).toContain('Convolution, backward');
    expect(await axeProblems(page, 'toeplitz')).toEqual([]);
    expect(chromium.errors).toEqual([]);
  });
  it('sharing: the slider goes from one kernel set to one per position, with the command line’s parameter counts', { timeout: 600_000 }, async () => {
    const opened = await timeToShow(page, 'view:lesson-sharing', 'sharing-parameters');
    const counts: number[] = [];
    for (let level = 0; level < 5; level++) {
      await page.getByTestId('sharing-level').fill(String(level));
      const cli = JSON.parse(convstudio('lesson', 'sharing', '--level', String(level), '--json').stdout);
      await expect.poll(() => page.getByTestId('sharing-parameters').textContent()).toBe(cli.parameters.toLocaleString('en-US'));
      expect(await page.getByTestId('sharing-name').textContent()).toBe(cli.name);
      counts.push(cli.parameters);
    }
    // 26×26 outputs of a 3×3 kernel on 28×28: 1, 4, 9, 16 and 676 kernel sets, each 9 weights, plus the biases.
    expect(counts).toEqual([10, 37, 82, 145, 676 * 9 + 676]);
    await page.screenshot({ path: `${SHOTS}/lesson-sharing.png` });
    expect(await axeProblems(page, 'sharing')).toEqual([]);
    console.log(`sharing lesson: opened in ${opened.toFixed(0)} ms; parameters along the slider: ${counts.join(', ')}`);
    // Train all three on the shapes set (the quicker one), in workers, with progress; the table has all three.
    await page.getByTestId('sharing-dataset').selectOption('shapes');
    await page.getByTestId('sharing-experiment-run').click();
    await page.getByTestId('sharing-experiment-progress').waitFor();
    await page.getByTestId('sharing-experiment-table').waitFor({ timeout: 560_000 });
    const rows = await page.getByTestId('sharing-experiment-table').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['convolution', 'tiled, 2×2 kernel sets', 'locally connected']);
    const parameters = await page.getByTestId('sharing-experiment-table').locator('tbody tr td:nth-child(2)').allTextContents();
    // 5×5 on 28×28 gives 24×24 positions, 8 filters; pooled to 8×12×12 for a dense layer of 4 classes (4,612 parameters).
    const dense = 8 * 12 * 12 * 4 + 4;
    expect(parameters.map(number)).toEqual([8 * 25 + 8 + dense, 4 * 8 * 25 + 8 + dense, 24 * 24 * (8 * 25 + 8) + dense]);
    for (let arm = 0; arm < 3; arm++) expect(number((await page.getByTestId(`sharing-experiment-test-${arm}`).textContent())!.replace('%', ''))).toBeGreaterThan(25); // 4 classes: chance is 25%
    console.log(`sharing experiment (shapes): ${rows.join(' | ')}`);
    await page.getByTestId('sharing-experiment').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/lesson-sharing-experiment.png` });
    expect(chromium.errors).toEqual([]);
  });
});
