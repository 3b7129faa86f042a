/**
 * The real desktop app, driven by Playwright's Electron support: menus,
 * open and save through the native dialogs (stubbed at the dialog boundary
 * only), the unsaved-changes question, and recovery after a forced kill.
 * Where there is no Electron binary (every machine of this project: its
 * download needs the internet) the suite is skipped and says why; it runs as
 * soon as `node_modules/electron` has its binary.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';

const electron = findElectronBinary();
const title = electron.ok ? 'the desktop app' : `the desktop app (skipped: ${electron.reason})`;
// Said out loud, so a skipped suite is never mistaken for a passing one.
if (!electron.ok) console.log(`The Electron tests are skipped: ${electron.reason}.`);

describe.skipIf(!electron.ok)(title, () => {
  let running: ElectronApplication | undefined;

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/build-app.mjs'], { stdio: 'pipe' });
  }, 120_000);
  // Killed, not closed: a test may leave unsaved changes, and quitting would then wait on a dialog.
  afterEach(() => {
    running?.process().kill('SIGKILL');
    running = undefined;
  });

  async function launch(dataFolder: string, args: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
    if (!electron.ok) throw new Error(electron.reason);
    // Chromium's OS sandbox refuses to start as root (CI runs as root); the page's own sandbox option stays on.
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    running = await _electron.launch({ executablePath: electron.path, args: [...asRoot, '.', ...args], env: { ...process.env, CONVSTUDIO_USER_DATA: dataFolder } });
    const page = await running.firstWindow();
    await page.waitForSelector('.react-flow__node');
    // A fresh data folder is a first start: the welcome view greets it, and is closed as a user would.
    const welcome = page.getByRole('dialog', { name: 'Welcome to ConvStudio' });
    if (await welcome.count() > 0) await welcome.getByTestId('sheet-close').click();
    return { app: running, page };
  }
  const clickMenu = (app: ElectronApplication, id: string) => app.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click(), id);
  const windowTitle = (app: ElectronApplication) => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());

  it('runs sandboxed under the app:// protocol with the menus', async () => {
    const { app, page } = await launch(mkdtempSync(join(tmpdir(), 'convstudio-e-')));
    expect(page.url()).toBe('app://convstudio/index.html');
    expect(await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')))).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Train', 'Help']));
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { convstudioDesktop: object }).convstudioDesktop).sort())).toContain('save');
    // Pasting into a text field through the Edit menu (the page may not paste by itself).
    await app.evaluate(({ clipboard }) => clipboard.writeText('12'));
    await page.locator('.react-flow__node[data-id="c1"]').click();
    await page.getByTestId('field-c1-filters').fill('');
    await clickMenu(app, 'paste');
    await expect.poll(() => page.getByTestId('field-c1-filters').inputValue()).toBe('12');
    // Nothing outside the app loads.
    expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'refused'))).toBe('refused');
  });

  it('opens and saves through the dialogs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'convstudio-e-'));
    const file = join(folder, 'homework.json');
    writeFileSync(file, readFileSync('resources/examples/mlp.json'));
    const { app, page } = await launch(folder);
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    }, file);
    await clickMenu(app, 'open');
    await expect.poll(() => windowTitle(app)).toBe('homework.json — ConvStudio');
    await page.locator('.react-flow__node').first().click();
    await page.keyboard.press('Delete');
    await expect.poll(() => windowTitle(app)).toBe('• homework.json — ConvStudio');
    await clickMenu(app, 'save');
    await expect.poll(() => windowTitle(app)).toBe('homework.json — ConvStudio');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { nodes: unknown[] };
    const original = JSON.parse(readFileSync('resources/examples/mlp.json', 'utf8')) as { nodes: unknown[] };
    expect(saved.nodes.length).toBe(original.nodes.length - 1);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(readFileSync('resources/examples/mlp.json', 'utf8'));
  });

  it('asks before closing with unsaved changes', async () => {
    const { app, page } = await launch(mkdtempSync(join(tmpdir(), 'convstudio-e-')));
    await page.locator('.react-flow__node').first().click();
    await page.keyboard.press('Delete');
    // The main process knows the document is dirty once the title says so.
    await expect.poll(() => windowTitle(app)).toBe('• lenet-5.json — ConvStudio');
    await app.evaluate(({ dialog }) => {
      const asked: string[] = [];
      (globalThis as { asked?: string[] }).asked = asked;
      dialog.showMessageBoxSync = ((_window: unknown, options: { message: string }) => {
        asked.push(options.message);
        return 2; // Cancel
      }) as typeof dialog.showMessageBoxSync;
    });
    await clickMenu(app, 'close');
    await expect.poll(() => app.evaluate(() => (globalThis as { asked?: string[] }).asked ?? [])).toEqual(['Save the changes to lenet-5.json before closing?']);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('offers the unsaved work back after a forced kill', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'convstudio-e-'));
    const first = await launch(folder);
    await first.page.locator('.react-flow__node').first().click();
    await first.page.keyboard.press('Delete');
    const nodesAfterEdit = await first.page.locator('.react-flow__node').count();
    await first.page.waitForTimeout(3000); // autosave runs 2 s after a change
    first.app.process().kill('SIGKILL');
    running = undefined;

    const second = await launch(folder);
    await second.page.getByTestId('recovery-restore').click();
    await expect.poll(() => second.page.locator('.react-flow__node').count()).toBe(nodesAfterEdit);
    await expect.poll(() => windowTitle(second.app)).toBe('• lenet-5.json — ConvStudio');
  });
});
