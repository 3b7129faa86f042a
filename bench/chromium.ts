/**
 * Headless Chromium for tests and benchmarks: Debian's build driven by
 * Playwright (never a downloaded browser), pages served from a folder on
 * 127.0.0.1 with the cross-origin isolation headers gpu.js threads need.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStaticServer } from '../host/staticServer';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/**
 * Flags that work on these machines: SwiftShader WebGL, no sandbox as root, no network chatter.
 * Compositing in software, as Chromium does by itself on a machine without a usable GPU (it keeps
 * SwiftShader for WebGL only): with ANGLE on SwiftShader the compositor would run on it too, and
 * there a frame with changes on the canvas took 100 to 470 ms to present while a run trained
 * (the page at 46 to 50 frames per second), against one frame over 33 ms in 8 s in software.
 */
export const FLAGS = [
  '--no-sandbox', '--disable-gpu-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-compositing',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export interface ChromiumPage {
  page: Page;
  browser: Browser;
  /** Page errors seen so far (uncaught exceptions in the page, and anything the Content-Security-Policy blocked). */
  errors: string[];
  /** Everything a user would call broken in the network panel or console: console errors, failed or 4xx/5xx requests, requests outside the page's origin. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens `dir`'s index.html in a fresh headless Chromium. */
export async function openPage(dir: string, viewport = { width: 1400, height: 900 }): Promise<ChromiumPage> {
  const server = await startStaticServer(dir); // the browser build's own server (host/staticServer.ts)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  // An explicit context (not browser.newPage's, which closes with its page) lets a test open a second
  // page over the same storage, as a user reopening a tab.
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const origin = new URL(server.url).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) problems.push(`request outside the page's origin: ${url}`);
  });
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  await page.goto(server.url);
  return {
    page,
    browser,
    errors,
    problems,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

const SUITE_DIR = 'dist/browser-test';

/** The engine's test suite page (test/browser/browserSuite.ts with gpu.js's browser build). */
export async function openSuitePage(): Promise<ChromiumPage> {
  mkdirSync(SUITE_DIR, { recursive: true });
  await build({ entryPoints: ['test/browser/browserSuite.ts'], outfile: join(SUITE_DIR, 'suite.js'), bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'warning' });
  writeFileSync(join(SUITE_DIR, 'gpu-browser.js'), readFileSync('node_modules/gpu.js/dist/gpu-browser.js'));
  writeFileSync(join(SUITE_DIR, 'index.html'), '<!doctype html><meta charset="utf-8"><title>ConvStudio engine</title><script src="gpu-browser.js"></script><script src="suite.js"></script>');
  const opened = await openPage(SUITE_DIR);
  await opened.page.waitForFunction(() => 'convstudio' in globalThis);
  if (opened.errors.length > 0) throw new Error(`the page failed to load: ${opened.errors.join('; ')}`);
  return opened;
}
