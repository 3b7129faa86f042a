/**
 * The app's folder import (Train > Import a folder…, decoded in the training
 * worker) against the hostile corpus of test/helpers/hostileImages.ts: no
 * crash, no page error, every file accounted for
 * (imported, or listed with its reason), and the editor usable afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { writeHostileImageFolder } from '../helpers/hostileImages';
import { ORACLES_REQUIRED } from '../helpers/oracles';
import { openEditor, SHOTS, showView } from './openEditor';

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('the app’s folder import with hostile files', () => {
  let chromium: ChromiumPage;
  beforeAll(async () => {
    chromium = await openEditor();
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('imports what it can and lists every other file with its reason', async () => {
    const { page } = chromium;
    const folder = join(mkdtempSync(join(tmpdir(), 'convstudio-hostile-app-')), 'hostile');
    const written = writeHostileImageFolder(folder, { links: false });
    expect(written).toBeGreaterThanOrEqual(1000);
    await showView(page, 'Train');
    const started = Date.now();
    await page.getByTestId('import-folder').setInputFiles(folder);
    const summary = page.getByTestId('import-summary');
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/^hostile: 2 classes, \d+ training and \d+ test images/);
    const seconds = (Date.now() - started) / 1000;
    const [, train, test] = /(\d+) training and (\d+) test/.exec((await summary.textContent())!)!;
    const skippedText = (await page.getByTestId('import-skipped').textContent())!;
    const skipped = Number(/(\d+) files? skipped/.exec(skippedText)?.[1]);
    console.log(`app folder import: ${written} files, ${Number(train) + Number(test)} imported, ${skipped} skipped, in ${seconds.toFixed(1)} s`);
    // Chromium's folder picker hands over every file, hidden ones too: each is imported or listed.
    expect(Number(train) + Number(test) + skipped).toBe(written);
    expect(skippedText).toMatch(/claims-60000x60000\.png: 60000×60000 is larger than 8192 pixels on a side/);
    expect(skippedText).toMatch(/\.DS_Store: a hidden file/);
    await page.locator('section[aria-label="Training"]').screenshot({ path: `${SHOTS}/hostile-folder-import.png` });
    // Still the editor: a node can be selected and the inspector shows it.
    await page.locator('.react-flow__node[data-id="c1"]').click();
    await showView(page, 'Inspector');
    await expect.poll(() => page.getByTestId('field-c1-filters').isVisible()).toBe(true);
    expect(chromium.errors).toEqual([]);
  }, 240_000);
});
