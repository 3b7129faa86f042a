/**
 * The inspector end to end in Chromium: padding as a choice, explicit
 * padding's four sides, in-place type switches (each one undo step), an
 * invalid size refused at its field, and the edge detector's kernel edited
 * as a grid. Screenshots of the inspector in each state go to test-results/e2e/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument, GraphNode } from '../../engine';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

interface StoreHandle {
  getState(): { document: GraphDocument; selection: string[] };
  reset(doc: GraphDocument, name: string): void;
  select(ids: string[]): void;
  undo(): void;
}
declare const convstudioStore: StoreHandle;

const example = (file: string) => JSON.parse(readFileSync(`resources/examples/${file}`, 'utf8')) as GraphDocument;
const documentIn = (page: Page) => page.evaluate(() => convstudioStore.getState().document);
const nodeIn = (doc: GraphDocument, id: string) => doc.nodes.find((n) => n.id === id) as GraphNode & { params?: Record<string, unknown> };
const undoOnce = (page: Page) => page.evaluate(() => convstudioStore.undo());

/** Opens an example with a fresh history and selects one node, as a click on it would. */
async function openWith(page: Page, file: string, id: string) {
  await page.evaluate(([doc, name]) => convstudioStore.reset(doc, name), [example(file), file] as const);
  await page.evaluate((node) => convstudioStore.select([node]), id);
  await page.getByTestId(`node-inspector`).waitFor();
}

const shot = (page: Page, name: string) => page.getByTestId('node-inspector').screenshot({ path: `${SHOTS}/${name}.png` });

/** The reason shown nearest the field with this test id: its own, or the one its pair shares. */
const reasonAt = (page: Page, testId: string) => page.getByTestId(testId).locator('xpath=ancestor::*[.//*[@role="alert"]][1]').getByRole('alert').first();

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the inspector in Chromium', () => {
  let chromium: ChromiumPage;
  let page: Page;

  beforeAll(async () => {
    chromium = await openEditor();
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('chooses padding from a list, one undo step per choice', async () => {
    await openWith(page, 'lenet-5.json', 'c1');
    const before = await documentIn(page);
    await page.getByTestId('padding-c1').selectOption('same');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['padding']).toBe('same');
    await expect.poll(() => page.getByTestId('arithmetic-rows').textContent()).toBe('rows: out = floor((28 − 5 + 4) / 1) + 1 = 28');
    await shot(page, 'inspector-padding');
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(before);
    await expect.poll(() => page.getByTestId('padding-c1').inputValue()).toBe('valid');
  });

  it('prefills explicit padding with what same pads; each side is one step', async () => {
    await openWith(page, 'small-cnn.json', 'c1');
    const before = await documentIn(page);
    await page.getByTestId('padding-c1').selectOption('explicit');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['padding']).toEqual([1, 1, 1, 1]);
    for (const side of ['top', 'bottom', 'left', 'right']) expect(await page.getByTestId(`padding-c1-${side}`).inputValue()).toBe('1');
    const explicit = await documentIn(page);
    // Same padding as before, written out: the shapes do not move.
    expect(await page.getByTestId('arithmetic-cols').textContent()).toBe('columns: out = floor((28 − 3 + 2) / 1) + 1 = 28');
    await page.getByTestId('padding-c1-top').fill('3');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['padding']).toEqual([3, 1, 1, 1]);
    await expect.poll(() => page.getByTestId('arithmetic-rows').textContent()).toBe('rows: out = floor((28 − 3 + 4) / 1) + 1 = 30');
    await shot(page, 'inspector-padding-explicit');
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(explicit);
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(before);
    await expect.poll(() => page.getByTestId('padding-c1-top').count()).toBe(0);
  });

  it.each(['leakyRelu', 'sigmoid', 'tanh'])('switches relu r1 to %s in place, one undo step', async (type) => {
    await openWith(page, 'lenet-5.json', 'r1');
    const before = await documentIn(page);
    await page.getByTestId('type-r1').selectOption(type);
    await expect.poll(async () => nodeIn(await documentIn(page), 'r1').type).toBe(type);
    const after = await documentIn(page);
    expect(after.nodes.findIndex((n) => n.id === 'r1')).toBe(before.nodes.findIndex((n) => n.id === 'r1'));
    expect(after.edges).toEqual(before.edges);
    expect(after.view).toEqual(before.view);
    if (type === 'leakyRelu') {
      expect(nodeIn(after, 'r1').params).toEqual({ alpha: 0.01 });
      expect(await page.getByTestId('field-r1-alpha').inputValue()).toBe('0.01');
    }
    await shot(page, `inspector-type-${type}`);
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(before);
  });

  it.each(['tiledConv2d', 'locallyConnected2d'])('switches convolution c1 to %s in place, one undo step', async (type) => {
    await openWith(page, 'lenet-5.json', 'c1');
    const before = await documentIn(page);
    await page.getByTestId('type-c1').selectOption(type);
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').type).toBe(type);
    const after = await documentIn(page);
    expect(after.edges).toEqual(before.edges);
    expect(after.view).toEqual(before.view);
    const tiles = type === 'tiledConv2d' ? { tiles: [2, 2] } : {};
    expect(nodeIn(after, 'c1').params).toEqual({ ...nodeIn(before, 'c1').params, ...tiles });
    if (type === 'tiledConv2d') expect(await page.getByTestId('field-c1-tiles-height').inputValue()).toBe('2');
    await shot(page, `inspector-type-${type}`);
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(before);
  });

  it('refuses an invalid size at its field and leaves the document alone', async () => {
    await openWith(page, 'lenet-5.json', 'c2');
    const before = await documentIn(page);
    const height = page.getByTestId('field-c2-kernelSize-height');
    await height.fill('0');
    await expect.poll(() => reasonAt(page, 'field-c2-kernelSize-height').textContent()).toBe('kernel height must be at least 1');
    expect(await height.getAttribute('aria-invalid')).toBe('true');
    expect(await documentIn(page)).toEqual(before);
    await height.fill('abc');
    await expect.poll(() => reasonAt(page, 'field-c2-kernelSize-height').textContent()).toBe('"abc" is not a number');
    await page.getByTestId('field-c2-filters').fill('0');
    await expect.poll(() => reasonAt(page, 'field-c2-filters').textContent()).toBe('filters must be at least 1');
    await shot(page, 'inspector-invalid');
    expect(await documentIn(page)).toEqual(before);

    // A valid number the shapes cannot take is applied, and the analysis's reason shows at the pair.
    await height.fill('13');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c2').params?.['kernelSize']).toEqual([13, 13]);
    await expect.poll(() => reasonAt(page, 'field-c2-kernelSize-width').textContent()).toBe('kernel 13×13 is larger than its 12×12 input');
    await shot(page, 'inspector-kernel-too-large');
  });

  it('works from the keyboard: arrows step a count, the square lock toggles and sets sizes apart', async () => {
    await openWith(page, 'lenet-5.json', 'c1');
    await page.getByTestId('field-c1-filters').press('ArrowUp');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['filters']).toBe(7);
    const lock = page.getByTestId('lock-c1-kernelSize');
    expect(await lock.getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('field-c1-kernelSize-height').fill('3');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['kernelSize']).toEqual([3, 3]);
    await lock.press('Enter'); // the keyboard works the toggle
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('field-c1-kernelSize-width').fill('1');
    await expect.poll(async () => nodeIn(await documentIn(page), 'c1').params?.['kernelSize']).toEqual([3, 1]);
    await shot(page, 'inspector-size-pair');
  });

  it('shows the edge detector kernel as a grid; a cell edit changes the weight, one undo step', async () => {
    await openWith(page, 'edge-detection.json', 'edges');
    const before = await documentIn(page);
    const centre = page.getByTestId('weight-edges-0-0-1-1');
    expect(await centre.inputValue()).toBe('8');
    expect(await page.locator('[data-testid^="weight-edges-0-0-"]').count()).toBe(9);
    await centre.fill('4');
    await expect.poll(async () => (await documentIn(page)).weights?.['edges']?.['weight']?.data).toEqual([-1, -1, -1, -1, 4, -1, -1, -1, -1]);
    await page.getByTestId('weight-edges-0-0-0-0').fill('x');
    await expect.poll(() => reasonAt(page, 'weight-edges-0-0-0-0').textContent()).toBe('"x" is not a number');
    expect((await documentIn(page)).weights?.['edges']?.['weight']?.data).toEqual([-1, -1, -1, -1, 4, -1, -1, -1, -1]);
    await shot(page, 'inspector-weights');
    await undoOnce(page);
    expect(await documentIn(page)).toEqual(before);
    await expect.poll(() => centre.inputValue()).toBe('8');
    expect(chromium.errors).toEqual([]);
  });
});
