/**
 * The 10,000 hostile documents of test/helpers/hostileDocuments.ts through the
 * page's own open paths in Chromium: each dropped on the window as a file (the
 * real drop handler), a sample through the file picker, a few as the autosave
 * a crashed tab left, and a 200 MB file. After every refused one the open
 * graph is exactly what it was; no uncaught page error; the editor still edits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { hostileDocuments } from '../helpers/hostileDocuments';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

const COUNT = 10_000;
const CHUNK = 250;

interface DropOutcome { opened: number; refused: number; unchanged: number; failures: string[] }

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('hostile documents through the page\'s open paths', () => {
  let chromium: ChromiumPage;
  beforeAll(async () => {
    chromium = await openEditor();
    chromium.page.on('dialog', (dialog) => void dialog.accept());
  }, 120_000);
  afterAll(() => chromium?.close());

  it(`${COUNT.toLocaleString('en-US')} documents dropped on the window: each opens or leaves the graph unchanged`, async () => {
    const { page } = chromium;
    const corpus = hostileDocuments(COUNT);
    const started = performance.now();
    const total: DropOutcome = { opened: 0, refused: 0, unchanged: 0, failures: [] };
    for (let start = 0; start < COUNT; start += CHUNK) {
      const outcome = await page.evaluate(async (docs) => {
        type Store = { getState(): { document: unknown; notice?: { kind: string; text: string; details?: { line?: number }[] } } };
        const store = (window as unknown as { convstudioStore: Store }).convstudioStore;
        const result = { opened: 0, refused: 0, unchanged: 0, failures: [] as string[] };
        for (const { name, text } of docs) {
          const before = store.getState();
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type: 'application/json' }));
          window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
          // The drop handler reads the file (a promise), then the store says what happened.
          const waitUntil = Date.now() + 10_000;
          while (store.getState().notice === before.notice && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 0));
          const after = store.getState();
          if (after.notice === before.notice) result.failures.push(`${name}: nothing happened`);
          else if (after.notice?.kind === 'error') {
            result.refused++;
            if (after.document === before.document) result.unchanged++;
            else result.failures.push(`${name}: the graph changed on a refused open`);
            if (!(after.notice.details ?? []).every((p) => (p.line ?? 0) > 0)) result.failures.push(`${name}: a problem without its line`);
          } else result.opened++;
        }
        return result;
      }, corpus.slice(start, start + CHUNK));
      total.opened += outcome.opened;
      total.refused += outcome.refused;
      total.unchanged += outcome.unchanged;
      total.failures.push(...outcome.failures);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`drop: ${COUNT} documents in ${seconds.toFixed(0)} s: ${total.opened} opened, ${total.refused} refused (${total.unchanged} with the graph unchanged), ${chromium.errors.length} page errors`);
    expect(total.failures.slice(0, 20)).toEqual([]);
    expect(total.opened + total.refused).toBe(COUNT);
    expect(total.unchanged).toBe(total.refused);
    expect(chromium.errors).toEqual([]);
  }, 1_200_000);

  it('a 200 MB file is refused unread, with its size and what to do', async () => {
    const { page } = chromium;
    const outcome = await page.evaluate(async () => {
      type Store = { getState(): { document: unknown; notice?: { text: string } } };
      const store = (window as unknown as { convstudioStore: Store }).convstudioStore;
      const before = store.getState();
      const data = new DataTransfer();
      data.items.add(new File(['['.repeat(1), '0,'.repeat(100_000_000), '0]'], 'huge.json'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      while (store.getState().notice === before.notice) await new Promise((r) => setTimeout(r, 10));
      return { text: store.getState().notice?.text, unchanged: store.getState().document === before.document };
    });
    expect(outcome.unchanged).toBe(true);
    expect(outcome.text).toMatch(/^Not opened: huge\.json is 191 MiB, more than the 64 MiB the app opens; check it with `convstudio validate`, which reads up to 512 MiB\. Your graph is unchanged\.$/);
    await page.screenshot({ path: `${SHOTS}/fuzz-huge-file.png` });
  }, 120_000);

  it('a sample through the file picker, then the editor still edits', async () => {
    const { page } = chromium;
    const sample = hostileDocuments(100, 7);
    let refused = 0;
    for (const { name, text } of sample) {
      const before = await page.evaluate(() => (window as unknown as { convstudioStore: { getState(): { opened: number; notice?: unknown } } }).convstudioStore.getState().opened);
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('command-open').click();
      await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.waitForFunction((n) => {
        const state = (window as unknown as { convstudioStore: { getState(): { opened: number; notice?: { kind: string } } } }).convstudioStore.getState();
        return state.opened > n || state.notice?.kind === 'error';
      }, before);
      if (await page.evaluate(() => (window as unknown as { convstudioStore: { getState(): { notice?: { kind: string } } } }).convstudioStore.getState().notice?.kind) === 'error') refused++;
      await page.evaluate(() => (window as unknown as { convstudioStore: { notify(n: undefined): void } }).convstudioStore.notify(undefined));
    }
    expect(refused).toBeGreaterThan(50);
    // Back to a known graph, and an edit from the keyboard works.
    const lenet = readFileSync('resources/examples/lenet-5.json', 'utf8');
    await page.evaluate((t) => (window as unknown as { convstudioStore: { open(text: string, name: string): boolean } }).convstudioStore.open(t, 'lenet-5.json'), lenet);
    const count = () => page.locator('.react-flow__node').count();
    const nodes = await count();
    expect(nodes).toBeGreaterThan(1);
    await page.locator('.react-flow__node').last().click();
    await page.keyboard.press('Delete');
    await expect.poll(count).toBe(nodes - 1);
    expect(chromium.errors).toEqual([]);
  }, 300_000);

  it('autosave says so when the browser\'s storage is full, and recovers when there is room again', async () => {
    const { page } = chromium;
    // Filled to the last byte: blocks of 256 kB, then ever smaller ones.
    const filled = await page.evaluate(() => {
      let i = 0;
      for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
        try {
          for (;;) localStorage.setItem(`filler${i++}`, 'x'.repeat(size));
        } catch {
          // full at this size: try a smaller one
        }
      }
      return i;
    });
    expect(filled).toBeGreaterThan(0);
    await page.locator('.react-flow__node').last().click();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => /Autosave failed: this browser's storage for the page is full/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/autosave-storage-full.png` });
    expect(await page.getByTestId('notice').textContent()).toMatch(/Your graph is still open here; save it \(Ctrl\+S\) to keep it\./);
    await page.evaluate(() => { for (const key of Object.keys(localStorage)) if (key.startsWith('filler')) localStorage.removeItem(key); });
    await page.locator('.react-flow__node').last().click();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => localStorage.getItem('convstudio.autosave') !== null, undefined, { timeout: 10_000 });
    expect(await page.getByTestId('notice').textContent()).toMatch(/Autosave works again/);
    expect(chromium.errors).toEqual([]);
  }, 120_000);
});
