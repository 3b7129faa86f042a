/**
 * The workspace in Chromium, as a teacher meets it: the welcome view on a
 * first start, the docked views, the command registry behind the palette and
 * the shortcuts sheet, readable cards at fit (and bigger in Present mode),
 * the layout kept per user, and a page with no console error, no 404 and no
 * request outside its origin. Screenshots of each state go to test-results/e2e/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeclaration } from '../../app/shared/commands';
import type { GraphDocument } from '../../engine';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

interface PageCommands {
  commands: (CommandDeclaration & { id: string; handler: { run(argument?: string): void; enabled?(): boolean } })[];
  isEnabled(id: string): boolean;
  shortcutsOf(command: CommandDeclaration): string[];
  context: { settings: { update(change: Record<string, unknown>): void }; training: { getState(): { state: string } } };
}
declare const convstudioCommands: PageCommands;
declare const convstudioStore: { getState(): { document: GraphDocument; selection: string[] }; select(ids: string[]): void };

/** The rendered size of a node's title on screen: its font size times the canvas's zoom. */
const titlePixels = (page: Page) => page.evaluate(() => {
  const title = document.querySelector('.layer-node__id');
  const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  const zoom = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 1);
  return title ? Number.parseFloat(getComputedStyle(title).fontSize) * zoom : 0;
});

/** Whether every node card lies inside the canvas: the view has been fitted (and not just opened at zoom 1). */
const fitted = (page: Page) => page.evaluate(() => {
  const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
  const cards = Array.from(document.querySelectorAll('.react-flow__node'), (n) => n.getBoundingClientRect());
  return canvas !== undefined && cards.length > 0 && cards.every((c) => c.left >= canvas.left && c.right <= canvas.right && c.top >= canvas.top && c.bottom <= canvas.bottom);
});

/** Serious and critical accessibility violations on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
}

const pageState = (page: Page) => page.evaluate(() => ({
  theme: document.documentElement.dataset['theme'],
  present: document.documentElement.dataset['present'],
  views: Array.from(document.querySelectorAll('.dv-tab'), (t) => t.getAttribute('aria-label')),
  dialog: document.querySelector('[role="dialog"]')?.getAttribute('aria-label') ?? undefined,
  zoom: document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform,
  name: (window as unknown as { convstudioStore: typeof convstudioStore }).convstudioStore.getState().document.name,
}));

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the workspace in Chromium', () => {
  let chromium: ChromiumPage;
  let page: Page;
  beforeAll(async () => {
    chromium = await openEditor({ keepWelcome: true, viewport: { width: 1440, height: 900 } });
    page = chromium.page;
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('greets a first start with the welcome view: the templates drawn small, unsaved work, the lessons', async () => {
    const welcome = page.getByRole('dialog', { name: 'Welcome to ConvStudio' });
    await expect.poll(() => welcome.isVisible()).toBe(true);
    expect(await welcome.locator('.template-preview').count()).toBe(7);
    expect(await welcome.textContent()).toMatch(/Unsaved work in this browser.*Learn/s);
    await page.screenshot({ path: `${SHOTS}/20-welcome.png` });
    expect(await axeProblems(page), 'with a dialog open').toEqual([]);
    await welcome.getByTestId('welcome-template-small-cnn.json').click();
    await expect.poll(() => pageState(page)).toMatchObject({ name: 'Small CNN', dialog: undefined });
    // A reload is not a first start.
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    expect(await welcome.count()).toBe(0);
  });

  it('fits LeNet-5 at 1440×900 with node titles of 12 px or more, canvas beside the docked views', async () => {
    await expect.poll(() => page.evaluate(() => convstudioStore.getState().document.name)).toBe('LeNet-5');
    await expect.poll(() => fitted(page)).toBe(true);
    expect(await titlePixels(page)).toBeGreaterThanOrEqual(12);
    console.log(`node title at fit, 1440×900: ${(await titlePixels(page)).toFixed(1)} px`);
    for (const title of ['Inspector', 'Train', 'Activations', 'Learn', 'Charts', 'Evaluate', 'Draw']) expect(await page.getByRole('tab', { name: title, exact: true }).count(), title).toBe(1);
    await page.screenshot({ path: `${SHOTS}/21-light.png` });
    expect(await axeProblems(page), 'light').toEqual([]);
  });

  it('lists exactly the registry\'s shortcuts in the shortcuts sheet', async () => {
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    const shown = await sheet.getByTestId('shortcuts').locator('tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-command')}: ${r.querySelector('th')?.textContent}`));
    // The browser build has no shell: its own commands (close, quit) are not offered here.
    const registry = await page.evaluate(() => convstudioCommands.commands
      .filter((c) => !c.internal && !c.shell && convstudioCommands.shortcutsOf(c).length > 0)
      .map((c) => `${c.id}: ${convstudioCommands.shortcutsOf(c).join(' or ')}`));
    expect(shown).toEqual(registry);
    expect(registry.length).toBeGreaterThan(20);
    await page.screenshot({ path: `${SHOTS}/22-shortcuts.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
  });

  it('offers every command of the registry in the palette, and runs each from there', async () => {
    // Quick runs: a training run started from the palette uses a small subset.
    await page.evaluate(() => convstudioCommands.context.settings.update({ trainLimit: 640, epochs: 1 }));
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { ran: string[] }).ran = log;
      for (const command of convstudioCommands.commands) {
        const run = command.handler.run.bind(command.handler);
        command.handler.run = (argument) => {
          log.push(argument ? `${command.id}:${argument}` : command.id);
          run(argument);
        };
      }
    });
    const offered = await page.evaluate(() => convstudioCommands.commands
      .filter((c) => !c.internal && !c.shell && !c.takesArgument && c.id !== 'palette')
      .map((c) => ({ id: c.id, label: c.label })));
    // Commands that need a moment of their own go last, in this order.
    const last = ['present', 'present-exit', 'train-start', 'train-pause', 'train-stop'];
    const order = [...offered.filter((c) => !last.includes(c.id)), ...last.map((id) => offered.find((c) => c.id === id)!)];
    const effects: Record<string, Awaited<ReturnType<typeof pageState>>> = {};
    // The unsaved-changes question is answered yes (New, a template), as a teacher trying things would.
    page.on('dialog', (dialog) => void dialog.accept());
    for (const { id, label } of order) {
      // Before the training commands: LeNet-5 again (earlier commands emptied the canvas), from its palette entry.
      if (id === 'train-start') {
        await page.keyboard.press('Control+Shift+P');
        await page.getByTestId('command-palette-input').fill('New from Template: LeNet-5');
        await page.getByTestId('command-palette-item-new-from-template:lenet-5.json').click();
        await expect.poll(() => pageState(page)).toMatchObject({ name: 'LeNet-5' });
      }
      if (id === 'train-pause') await expect.poll(() => page.evaluate(() => convstudioCommands.context.training.getState().state), { timeout: 60_000 }).toBe('running');
      await page.keyboard.press('Control+Shift+P');
      await page.getByTestId('command-palette-input').fill(label);
      const item = page.getByTestId(`command-palette-item-${id}`);
      expect(await item.count(), `${id} is in the palette`).toBe(1);
      const enabled = await page.evaluate((command) => convstudioCommands.isEnabled(command), id);
      expect(await item.getAttribute('aria-disabled'), id).toBe(enabled ? 'false' : 'true');
      if (!enabled) {
        await page.keyboard.press('Escape');
        continue;
      }
      await item.click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { ran: string[] }).ran.at(-1)), { message: id }).toBe(id);
      effects[id] = await pageState(page);
      // Close what the command opened (a sheet), so the next one starts from the workspace.
      if (effects[id]?.dialog) await page.keyboard.press('Escape');
    }
    const ran = await page.evaluate(() => (window as unknown as { ran: string[] }).ran);
    console.log(`palette: ${offered.length} commands offered, ${new Set(ran).size} ran from it`);
    // What some of them did, as the page shows it.
    expect(effects['theme-dark']?.theme).toBe('dark');
    expect(effects['theme-light']?.theme).toBe('light');
    expect(effects['help-shortcuts']?.dialog).toBe('Keyboard shortcuts');
    expect(effects['help-about']?.dialog).toBe('About ConvStudio');
    expect(effects['view:charts']?.views).not.toContain('Charts');
    expect(effects['present']?.present).toBe('true');
    expect(effects['present-exit']?.present).toBe('false');
    expect(effects['zoom-in']?.zoom).not.toBe(effects['zoom-out']?.zoom);
    for (const id of ['new', 'train-start', 'train-pause', 'train-stop', 'theme-system', 'reset-layout', 'toggle-activations', 'arrange', 'fit']) expect(ran, id).toContain(id);
    expect(ran).toContain('new-from-template:lenet-5.json');
    // Back to a known state for the tests that follow.
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill('Reset Layout');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => convstudioCommands.context.training.getState().state), { timeout: 30_000 }).toMatch(/stopped|done/);
  }, 180_000);

  it('keeps a resized dock and a view moved to the other dock across a reload, resets both from the View menu\'s command, and ignores a stored layout it cannot read', async () => {
    const dockWidth = () => page.getByRole('tab', { name: 'Inspector', exact: true }).evaluate((tab) => Math.round(tab.closest('.dv-groupview')?.getBoundingClientRect().width ?? 0));
    const before = await dockWidth();
    // Drag the splitter between the canvas and the right dock 150 px to the left.
    const sash = await page.evaluate(() => {
      const left = document.querySelector('[data-tab-panel-id="inspector"]')?.closest('.dv-groupview')?.getBoundingClientRect().left ?? 0;
      const sashes = Array.from(document.querySelectorAll('.dv-sash'), (e) => e.getBoundingClientRect()).filter((r) => r.height > r.width);
      const nearest = sashes.sort((a, b) => Math.abs(a.left + a.width / 2 - left) - Math.abs(b.left + b.width / 2 - left))[0];
      return nearest ? { x: nearest.left + nearest.width / 2, y: nearest.top + nearest.height / 2 } : undefined;
    });
    if (!sash) throw new Error('no splitter beside the right dock');
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x - 75, sash.y, { steps: 5 });
    await page.mouse.move(sash.x - 150, sash.y, { steps: 5 });
    await page.mouse.up();
    const resized = await dockWidth();
    expect(resized).toBeGreaterThan(before + 100);
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    await expect.poll(dockWidth).toBe(resized);
    // A view dragged by its tab from the bottom dock to the right one goes there, and stays there.
    const dockOf = (id: string) => page.evaluate((panel) => {
      const groups = Array.from(document.querySelectorAll('.dv-groupview'));
      return groups.indexOf(document.querySelector(`[data-tab-panel-id="${panel}"]`)?.closest('.dv-groupview') as Element);
    }, id);
    expect(await dockOf('draw')).not.toBe(await dockOf('inspector'));
    await page.getByRole('tab', { name: 'Draw', exact: true }).dragTo(page.getByRole('tab', { name: 'Learn', exact: true }));
    await expect.poll(() => dockOf('draw')).toBe(await dockOf('inspector'));
    await page.screenshot({ path: `${SHOTS}/23-draw-moved-to-the-right-dock.png` });
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    await expect.poll(() => dockOf('draw')).toBe(await dockOf('inspector'));
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill('Reset Layout');
    await page.keyboard.press('Enter');
    await expect.poll(dockWidth).toBe(before);
    expect(await dockOf('draw')).not.toBe(await dockOf('inspector'));
    // A layout that is not JSON: the default comes back, with a notice that says so.
    await page.evaluate(() => localStorage.setItem('convstudio.layout', '{"version": 1, "layout": {'));
    await page.reload();
    await page.waitForSelector('.react-flow__node');
    await expect.poll(() => page.getByTestId('notice').textContent()).toMatch(/Your saved layout could not be read \(it is not valid JSON.*\), so the default layout is shown/);
    expect(await dockWidth()).toBe(before);
    await page.screenshot({ path: `${SHOTS}/23-corrupt-layout.png` });
  });

  it('is dark on request, with no serious accessibility problem, the palette open', async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill('Dark');
    await page.keyboard.press('Enter');
    await expect.poll(() => pageState(page)).toMatchObject({ theme: 'dark' });
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('command-palette-input').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/24-dark-palette.png` });
    expect(await axeProblems(page), 'dark, palette open').toEqual([]);
    await page.keyboard.press('Escape');
    expect(await axeProblems(page), 'dark').toEqual([]);
  });

  it('presents at 1920×1080: node titles of 18 px or more at fit, no toolbar or palette, Esc leaves', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => fitted(page)).toBe(true);
    const viewport = () => page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform);
    const before = await viewport();
    await page.keyboard.press('F5');
    await expect.poll(() => pageState(page)).toMatchObject({ present: 'true' });
    expect(await page.getByRole('toolbar', { name: 'Editor' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Node palette' }).count()).toBe(0);
    // The fit that follows the docks' and cards' new sizes: the view moves, and every card is in it.
    await expect.poll(async () => (await viewport()) !== before && (await fitted(page))).toBe(true);
    expect(await titlePixels(page)).toBeGreaterThanOrEqual(18);
    console.log(`node title at fit, Present mode, 1920×1080: ${(await titlePixels(page)).toFixed(1)} px`);
    await page.screenshot({ path: `${SHOTS}/25-present-dark.png` });
    expect(await axeProblems(page), 'Present, dark').toEqual([]);
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-palette-input').fill('Light');
    await page.keyboard.press('Enter');
    await page.screenshot({ path: `${SHOTS}/25-present-light.png` });
    expect(await axeProblems(page), 'Present, light').toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => pageState(page)).toMatchObject({ present: 'false' });
    expect(await page.getByRole('toolbar', { name: 'Editor' }).count()).toBe(1);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('has loaded with no console error, no 404 and no request outside its own origin', () => {
    expect(chromium.problems).toEqual([]);
    expect(chromium.errors).toEqual([]);
  });
});
