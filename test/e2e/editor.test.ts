/**
 * The editor end to end in Debian's Chromium: the browser build, driven with
 * the mouse and keyboard as a student would. Screenshots of the main states
 * go to test-results/e2e/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { openEditor, SHOTS } from './openEditor';
import { ORACLES_REQUIRED } from '../helpers/oracles';


interface StoreHandle {
  getState(): { document: GraphDocument; selection: string[] };
  reset(doc: GraphDocument, name: string): void;
  select(ids: string[]): void;
}
declare const convstudioStore: StoreHandle;

const documentIn = (page: Page) => page.evaluate(() => convstudioStore.getState().document);
const nodeBox = async (page: Page, id: string, handle: 'source' | 'target') => {
  const box = await page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle.${handle}`).boundingBox();
  if (!box) throw new Error(`no ${handle} handle on ${id}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Drags a palette entry onto the canvas at (x, y) of the canvas. */
async function dropNode(page: Page, type: string, x: number, y: number) {
  await page.getByTestId(`palette-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Connects two nodes by dragging from one's output handle to the other's input handle. */
async function wire(page: Page, from: string, to: string) {
  const a = await nodeBox(page, from, 'source');
  const b = await nodeBox(page, to, 'target');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Drags a node by (dx, dy) screen pixels, in small steps as a hand would. */
async function moveNode(page: Page, id: string, dx: number, dy: number) {
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!box) throw new Error(`no node ${id}`);
  const [x, y] = [box.x + box.width / 2, box.y + 8];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y + (dy * i) / 10);
  await page.mouse.up();
}

/** Sizes (kernel, stride) are two fields with the square lock on: typing the height sets both. */
const PAIRS = new Set(['kernelSize', 'strides', 'poolSize']);
async function setField(page: Page, node: string, field: string, value: string) {
  await page.locator(`.react-flow__node[data-id="${node}"]`).click();
  await page.getByTestId(PAIRS.has(field) ? `field-${node}-${field}-height` : `field-${node}-${field}`).fill(value);
}

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the editor in Chromium', () => {
  let chromium: ChromiumPage;
  let page: Page;

  beforeAll(async () => {
    // A desktop-sized window: the canvas keeps room for four columns of nodes beside the docks.
    chromium = await openEditor({ viewport: { width: 1600, height: 1050 } });
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('opens with LeNet-5: shapes on the edges, 44,426 parameters in the status bar', async () => {
    await expect.poll(() => page.getByTestId('total-params').textContent()).toBe('44,426 parameters');
    await expect.poll(() => page.locator('.react-flow__edge-text').allTextContents()).toContain('6×24×24');
    await page.screenshot({ path: `${SHOTS}/01-lenet.png` });
    expect(chromium.errors).toEqual([]);
  });

  it('builds LeNet-5 from an empty canvas with the mouse', async () => {
    await page.getByTestId('command-new').click();
    // New shows the welcome view; an empty canvas is one of its choices.
    await page.getByRole('dialog', { name: 'Welcome to ConvStudio' }).getByRole('button', { name: 'Empty canvas' }).click();
    const column = [
      ['input', 'input1'], ['conv2d', 'conv1'], ['relu', 'relu1'], ['maxPool2d', 'maxpool1'],
      ['conv2d', 'conv2'], ['relu', 'relu2'], ['maxPool2d', 'maxpool2'],
      ['dense', 'dense1'], ['relu', 'relu3'], ['dense', 'dense2'], ['relu', 'relu4'], ['dense', 'dense3'], ['softmax', 'softmax1'],
    ] as const;
    // Four columns of four, well inside the canvas (the docks take the window's right side and bottom).
    for (const [i, [type]] of column.entries()) await dropNode(page, type, 60 + Math.floor(i / 4) * 190, 30 + (i % 4) * 110);
    expect((await documentIn(page)).nodes.map((n) => n.id)).toEqual(column.map(([, id]) => id));
    for (let i = 1; i < column.length; i++) await wire(page, column[i - 1]?.[1] ?? '', column[i]?.[1] ?? '');
    expect((await documentIn(page)).edges.map((e) => `${e.from}->${e.to}`)).toEqual(column.slice(1).map(([, id], i) => `${column[i]?.[1]}->${id}`));
    await setField(page, 'conv1', 'filters', '6');
    await setField(page, 'conv1', 'kernelSize', '5');
    await setField(page, 'conv2', 'filters', '16');
    await setField(page, 'conv2', 'kernelSize', '5');
    await setField(page, 'dense1', 'units', '120');
    await setField(page, 'dense2', 'units', '84');
    await expect.poll(() => page.getByTestId('total-params').textContent()).toBe('44,426 parameters');
    await expect.poll(() => page.locator('.react-flow__edge-text').allTextContents()).toEqual(
      expect.arrayContaining(['1×28×28', '6×24×24', '6×12×12', '16×8×8', '16×4×4', '120', '84', '10']),
    );
    await page.locator('.react-flow__node[data-id="conv2"]').click();
    await expect.poll(() => page.getByTestId('arithmetic-rows').textContent()).toBe('rows: out = floor((12 − 5 + 0) / 1) + 1 = 8');
    await page.screenshot({ path: `${SHOTS}/02-built-lenet.png` });
  }, 120_000);

  it('refuses a loop and an impossible connection with a message, and turns a too-large kernel red', async () => {
    const before = await documentIn(page);
    await wire(page, 'relu2', 'conv1');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Not connected: this would make a loop: conv1 → relu1 → maxpool1 → conv2 → relu2 → conv1');
    await dropNode(page, 'conv2d', 360, 520); // below the four columns, clear of every node
    await wire(page, 'dense3', 'conv3');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Not connected: conv3: conv2d needs a channels×height×width image');
    await page.screenshot({ path: `${SHOTS}/03-refused.png` });
    await page.keyboard.press('Control+z'); // the dropped conv3
    expect(await documentIn(page)).toEqual(before);
    await setField(page, 'conv2', 'kernelSize', '13');
    await expect.poll(() => page.getByTestId('node-conv2').getAttribute('data-state')).toBe('error');
    await expect.poll(() => page.getByTestId('node-conv2').getAttribute('title')).toBe('kernel 13×13 is larger than its 12×12 input');
    await page.screenshot({ path: `${SHOTS}/04-kernel-too-large.png` });
    await setField(page, 'conv2', 'kernelSize', '5');
  }, 60_000);

  it('undoes and redoes ten mixed edits back to the exact documents', async () => {
    const states: GraphDocument[] = [await documentIn(page)];
    const edits: (() => Promise<void>)[] = [
      () => setField(page, 'conv1', 'filters', '7'),
      () => dropNode(page, 'tanh', 880, 100),
      () => setField(page, 'dense2', 'units', '50'),
      () => wire(page, 'relu4', 'tanh1').then(() => undefined),
      () => moveNode(page, 'tanh1', 40, 120),
      () => setField(page, 'conv2', 'strides', '2'),
      () => dropNode(page, 'dropout', 880, 300),
      () => page.locator('.react-flow__node[data-id="dropout1"]').click().then(() => page.keyboard.press('Delete')),
      () => setField(page, 'conv2', 'strides', '1'),
      () => setField(page, 'input1', 'shape', '1, 32, 32'),
    ];
    for (const edit of edits) {
      await edit();
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } }); // leave any field
      states.push(await documentIn(page));
    }
    const unchanged = states.slice(1).flatMap((s, i) => (JSON.stringify(s) === JSON.stringify(states[i]) ? [i + 1] : []));
    expect(unchanged, 'edits that changed nothing').toEqual([]);
    for (let i = states.length - 2; i >= 0; i--) {
      await page.keyboard.press('Control+z');
      expect(await documentIn(page)).toEqual(states[i]);
    }
    for (let i = 1; i < states.length; i++) {
      await page.keyboard.press('Control+Shift+z');
      expect(await documentIn(page)).toEqual(states[i]);
    }
  }, 120_000);

  it('saves, reloads and opens the file identically; a broken file leaves the graph unchanged', async () => {
    const saved = await documentIn(page);
    expect(await page.title()).toMatch(/^• .* — ConvStudio$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    const file = join(tmpdir(), `convstudio-e2e-${Date.now()}.json`);
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    await expect.poll(() => page.title()).not.toMatch(/^•/);

    await page.reload();
    await page.waitForSelector('.react-flow__node');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
    await chooser.setFiles(file);
    await expect.poll(() => documentIn(page)).toEqual(saved);

    const broken = join(tmpdir(), 'broken.json');
    writeFileSync(broken, '{ "format": "convstudio-graph", "version": 1, "nodes": [ ');
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open…' }).click()]);
    await again.setFiles(broken);
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('broken.json was not opened');
    expect(await documentIn(page)).toEqual(saved);
    await page.screenshot({ path: `${SHOTS}/05-broken-file.png` });
  }, 60_000);

  it('works from the keyboard alone: focus a node, add after it, delete, undo', async () => {
    const before = await documentIn(page);
    // Focusing a node (what Tab does) selects it.
    await page.locator('.react-flow__node[data-id="relu4"]').focus();
    await expect.poll(() => page.evaluate(() => convstudioStore.getState().selection)).toEqual(['relu4']);
    await page.keyboard.press('/');
    await page.keyboard.type('dropout');
    await page.keyboard.press('Enter');
    let doc = await documentIn(page);
    expect(doc.nodes.at(-1)?.type).toBe('dropout');
    expect(doc.edges).toContainEqual({ from: 'relu4', to: doc.nodes.at(-1)?.id });
    await page.locator('body').press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Delete');
    doc = await documentIn(page);
    expect(doc.nodes.some((n) => n.type === 'dropout')).toBe(false);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect(await documentIn(page)).toEqual(before);
  }, 60_000);

  it('copies, pastes and arranges with the keyboard', async () => {
    await page.locator('.react-flow__node[data-id="conv1"]').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    let doc = await documentIn(page);
    const original = doc.nodes.find((n) => n.id === 'conv1');
    expect(doc.nodes.at(-1)).toEqual({ ...original, id: 'conv3' });
    await page.keyboard.press('Control+Shift+L');
    doc = await documentIn(page);
    const boxes = doc.nodes.map((n) => doc.view?.positions?.[n.id] ?? { x: 0, y: 0 });
    const overlapping = boxes.filter((a, i) => boxes.some((b, j) => j > i && Math.abs(a.x - b.x) < 150 && Math.abs(a.y - b.y) < 40));
    expect(overlapping).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/06-arranged.png` });
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('opens a 300-node graph quickly and stays responsive while dragging', async () => {
    const nodes = [{ id: 'in', type: 'input', params: { shape: [1, 8, 8] } }, ...Array.from({ length: 299 }, (_, i) => ({ id: `r${i}`, type: 'relu' }))];
    const big = {
      format: 'convstudio-graph', version: 1, name: '300 nodes', nodes,
      edges: nodes.slice(1).map((n, i) => ({ from: nodes[i]?.id ?? '', to: n.id })),
      view: { positions: Object.fromEntries(nodes.map((n, i) => [n.id, { x: (i % 20) * 220, y: Math.floor(i / 20) * 120 }])) },
    };
    const openMs = await page.evaluate(async (doc) => {
      const start = performance.now();
      convstudioStore.reset(doc as never, 'big.json');
      await new Promise<void>((resolve) => {
        const check = () => (document.querySelectorAll('.react-flow__node').length >= 300 ? resolve() : requestAnimationFrame(check));
        check();
      });
      return performance.now() - start;
    }, big);
    const node = page.locator('.react-flow__node[data-id="r150"]');
    const box = await node.boundingBox();
    const dragStart = Date.now();
    if (box) {
      await page.mouse.move(box.x + 20, box.y + 10);
      await page.mouse.down();
      for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + i * 5, box.y + 10 + i * 3);
      await page.mouse.up();
    }
    const dragMs = (Date.now() - dragStart) / 20;
    console.log(`300-node graph: rendered in ${openMs.toFixed(0)} ms; ${dragMs.toFixed(1)} ms per drag move`);
    await page.screenshot({ path: `${SHOTS}/07-300-nodes.png` });
    expect(openMs).toBeLessThan(1500);
    // Measured here on Chromium's software compositor: about 17 ms a move before the docked workspace,
    // 45-60 ms with it on an idle machine (most of it the GPU process swapping the larger damaged area),
    // and 100-150 ms when the suite runs two test files at once; CI measured 288-305 ms beside other files,
    // so this file now runs alone (vitest.config.ts). The bound catches a stall, not a slow machine.
    expect(dragMs).toBeLessThan(500);
  }, 60_000);
});
