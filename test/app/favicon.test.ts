/**
 * The app icon reaches both builds: the browser build links it as the favicon
 * (without one, browsers ask for a missing /favicon.ico) and copies it into
 * dist/web, and the desktop window takes it from there. Read from the sources,
 * so no build is needed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(path, 'utf8');

describe('the favicon and the window icon', () => {
  it('renderer/index.html links icon.png as a PNG icon', () => {
    expect(read('renderer/index.html')).toMatch(/<link rel="icon" type="image\/png" href="icon\.png" \/>/);
  });

  it('scripts/build-web.mjs copies the committed icon beside index.html', () => {
    const script = read('scripts/build-web.mjs');
    expect(script).toContain("copyFileSync('resources/icon/icon.png', 'dist/web/icon.png')");
    expect(script).toContain("copyFileSync('renderer/index.html', 'dist/web/index.html')");
  });

  it('app/main/main.ts gives the BrowserWindow the icon from the built web folder', () => {
    const options = read('app/main/main.ts').match(/new BrowserWindow\(\{([\s\S]*?)\n {4}\}\);/)?.[1];
    expect(options).toBeDefined();
    expect(options).toMatch(/^\s*icon: join\(webRoot, 'icon\.png'\),$/m);
  });
});
