/**
 * `npm start` where there is no Electron binary: it says so in one paragraph
 * and serves the editor on 127.0.0.1, which then works in a browser, and
 * still does after the hostile-request corpus (test/helpers/hostileRequests.ts)
 * has been sent to the same server.
 * ELECTRON_OVERRIDE_DIST_PATH points Electron at a folder without it, so the
 * test takes this path on every machine, with or without a binary.
 */
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumAvailable, FLAGS } from '../../bench/chromium';
import { sendHostileCorpus } from '../helpers/hostileRequests';
import { ORACLES_REQUIRED } from '../helpers/oracles';

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('npm start without an Electron binary', () => {
  it('explains why and serves the editor in the browser', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, PORT: String(port), ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const address = `http://127.0.0.1:${port}/`;
      await expect.poll(() => output, { timeout: 120_000, interval: 250 }).toContain(address);
      expect(output).toMatch(/The desktop app cannot start here: the Electron binary .*nonexistent-electron.* does not exist\./);
      expect(output).toMatch(/the same editor runs in your browser/);

      const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
      try {
        const page = await browser.newPage();
        await page.goto(address);
        await page.waitForSelector('.react-flow__node', { timeout: 15_000 });
        expect(await page.title()).toBe('lenet-5.json — ConvStudio');

        const hostile = await sendHostileCorpus(port);
        expect(hostile.filter((r) => r.response.status < 400 || r.response.status > 499).map((r) => `${r.method} ${r.path.slice(0, 60)} → ${r.response.status}`)).toEqual([]);
        const fresh = await browser.newPage();
        await fresh.goto(address);
        await fresh.waitForSelector('.react-flow__node', { timeout: 15_000 });
        expect(await fresh.title()).toBe('lenet-5.json — ConvStudio');
      } finally {
        await browser.close();
      }
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 180_000);
});
