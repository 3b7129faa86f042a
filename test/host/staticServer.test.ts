/**
 * The static server of the browser build (and of the tests' pages) against
 * the hostile corpus: more than 1,000 requests, each answered with a 4xx,
 * never a byte of the file beside the folder, the server up throughout and
 * serving the page afterwards. The desktop's app:// resolver, which shares
 * the path resolution, gets the same paths.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest } from '../../app/main/appProtocol';
import { startStaticServer, type StaticServer } from '../../host/staticServer';
import { hostilePaths, rawRequest, SECRET_NAME, sendHostileCorpus } from '../helpers/hostileRequests';

const SECRET = 'the-secret-beside-the-folder';

describe('the static server under hostile requests', () => {
  let parent: string;
  let root: string;
  let server: StaticServer;
  const port = () => Number(new URL(server.url).port);
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'convstudio-serve-'));
    root = join(parent, 'web');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(root, 'sub', 'a.js'), 'export {};');
    writeFileSync(join(parent, SECRET_NAME), SECRET);
    server = await startStaticServer(root);
  });
  afterAll(async () => server?.close());

  it('serves the folder, cross-origin isolated, with a folder as its index.html', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>page</title>');
    expect((await fetch(`${server.url}sub/a.js`)).status).toBe(200);
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}sub`)).status).toBe(404); // a folder without an index.html
  });

  it('answers GET /%E0%A4%A (the request that used to kill it) with a 403 and stays up', async () => {
    expect((await rawRequest(port(), 'GET', '/%E0%A4%A')).status).toBe(403);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('answers every request of the corpus with a 4xx, never serves the file beside the folder, and serves the page afterwards', async () => {
    const results = await sendHostileCorpus(port());
    expect(results.length).toBeGreaterThanOrEqual(1000);
    const notRefused = results.filter((r) => r.response.status < 400 || r.response.status > 499).map((r) => `${r.method} ${r.path.slice(0, 60)} → ${r.response.status}`);
    expect(notRefused).toEqual([]);
    expect(results.filter((r) => r.response.body.includes(SECRET))).toEqual([]);
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.response.status, (statuses.get(r.response.status) ?? 0) + 1);
    console.log(`hostile requests: ${results.length}, answered ${[...statuses].map(([s, n]) => `${s} ×${n}`).join(', ')}`);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>page</title>');
  });

  it('confines the app:// protocol the same way: no path of the corpus resolves outside the folder', () => {
    for (const path of hostilePaths()) {
      let url: string;
      try {
        url = new URL(`app://convstudio${path}`).href;
      } catch {
        continue; // not a URL at all: Electron never hands it over
      }
      const response = resolveAppRequest(url, root);
      if (response.status === 200) expect(response.file.startsWith(join(root, '/'))).toBe(true);
      else expect(response.status).toBe(403);
    }
  });
});
