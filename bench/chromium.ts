/**
 * Running the engine in headless Chromium (Debian's, driven by Playwright;
 * never a downloaded browser): bundles test/browser/browserSuite.ts with
 * gpu.js's browser build, serves them on 127.0.0.1 with the cross-origin
 * isolation headers gpu.js threads need, and opens the page.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/** Flags that work on these machines: SwiftShader WebGL, no sandbox as root, no network chatter. */
const FLAGS = [
  '--no-sandbox', '--disable-gpu-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

const OUT = 'dist/browser-test';

export async function bundleSuite(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({ entryPoints: ['test/browser/browserSuite.ts'], outfile: join(OUT, 'suite.js'), bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'warning' });
  writeFileSync(join(OUT, 'gpu-browser.js'), readFileSync('node_modules/gpu.js/dist/gpu-browser.js'));
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>ConvStudio engine</title><script src="gpu-browser.js"></script><script src="suite.js"></script>');
}

export interface ChromiumPage {
  page: Page;
  close(): Promise<void>;
}

export async function openSuitePage(): Promise<ChromiumPage> {
  await bundleSuite();
  const server: Server = createServer((request, response) => {
    const file = join(OUT, (request.url ?? '/') === '/' ? 'index.html' : (request.url ?? '').slice(1));
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/javascript',
      // Cross-origin isolation: SharedArrayBuffer, hence gpu.js's WebAssembly threads.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'convstudio' in globalThis);
  if (errors.length > 0) throw new Error(`the page failed to load: ${errors.join('; ')}`);
  return {
    page,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
