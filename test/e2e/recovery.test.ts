/**
 * Never losing work, in the browser build: unsaved changes are autosaved a
 * few seconds after an edit, and a tab that dies without asking (closed with
 * no beforeunload, as a crash would) offers them back on the next visit.
 * The desktop shell runs the same editor code over its own autosave file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('autosave and recovery in the browser build', () => {
  let chromium: ChromiumPage;
  beforeAll(async () => {
    chromium = await openEditor();
  }, 120_000);
  afterAll(() => chromium?.close());

  const nodeCount = (page = chromium.page) => page.evaluate(() => (window as unknown as { convstudioStore: { getState(): { document: { nodes: unknown[] } } } }).convstudioStore.getState().document.nodes.length);

  it('restores the unsaved graph after the tab died, and saving clears it', async () => {
    const { page } = chromium;
    const url = page.url();
    const before = await nodeCount();
    await page.locator('.react-flow__node').first().click();
    await page.keyboard.press('Delete');
    expect(await nodeCount()).toBe(before - 1);
    await page.waitForFunction(() => localStorage.getItem('convstudio.autosave') !== null, undefined, { timeout: 5000 });
    await page.close({ runBeforeUnload: false });

    const second = await chromium.browser.contexts()[0]!.newPage();
    await second.goto(url);
    await second.waitForSelector('[data-testid="recovery"]');
    expect(await second.getByTestId('recovery').textContent()).toMatch(/closed without saving changes to lenet-5\.json/);
    await second.screenshot({ path: `${SHOTS}/recovery-offer.png` });
    // While the offer is open, editing does not overwrite the autosave it is about.
    const offered = await second.evaluate(() => localStorage.getItem('convstudio.autosave'));
    await second.getByTestId('recovery-restore').click();
    expect(await nodeCount(second)).toBe(before - 1);
    expect(await second.title()).toBe('• lenet-5.json — ConvStudio');
    expect(offered).toContain('lenet-5.json');

    // Saving clears the autosave: nothing is offered on the next visit.
    const download = second.waitForEvent('download');
    await second.getByTestId('command-save').click();
    await download;
    await second.waitForFunction(() => localStorage.getItem('convstudio.autosave') === null);
    await second.reload();
    await second.waitForSelector('.react-flow__node');
    expect(await second.getByTestId('recovery').count()).toBe(0);
    chromium.page = second;
  });

  it('ignores a damaged autosave with a message', async () => {
    const { page } = chromium;
    await page.evaluate(() => localStorage.setItem('convstudio.autosave', '{"fileName": 3'));
    await page.reload();
    await page.waitForSelector('[data-testid="notice"]');
    expect(await page.getByTestId('notice').textContent()).toMatch(/autosaved document was found but it is damaged, so it was ignored/);
    expect(await page.getByTestId('recovery').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('convstudio.autosave'))).toBeNull();
  });

  it('shows where each of the lecture\'s concepts is in the app', async () => {
    const { page } = chromium;
    await page.keyboard.press('F1');
    await page.getByTestId('command-palette-input').fill('concepts');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog', { name: /The lecture.s concepts/ }).textContent()).toMatch(/Zero padding: valid, same, full/);
    await page.keyboard.press('Escape');
    expect(chromium.errors).toEqual([]);
  });
});
