import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_CSP, resolveAppRequest, WORKER_CSP } from '../../app/main/appProtocol';
import { checkIpcMessage, MAX_IPC_PAYLOAD_BYTES } from '../../app/main/ipcValidation';
import { isAllowedNavigation, isAllowedRequest } from '../../app/main/requestFilter';
import { INVOKE_CHANNELS, SEND_CHANNELS } from '../../app/shared/desktopApi';

const PAGE = 'app://convstudio/index.html';
const HANDLE = '0b9f3c4e-2a51-4f3e-9d6b-6c1b2e8a7f10';

describe('IPC messages from the page', () => {
  it('accepts the calls the preload makes', () => {
    expect(checkIpcMessage(INVOKE_CHANNELS.open, PAGE, [])).toEqual({ ok: true, args: [] });
    expect(checkIpcMessage(INVOKE_CHANNELS.save, PAGE, ['{}', 'lenet-5.json'])).toMatchObject({ ok: true });
    expect(checkIpcMessage(INVOKE_CHANNELS.save, PAGE, ['{}', 'lenet-5.json', HANDLE])).toMatchObject({ ok: true });
    expect(checkIpcMessage(SEND_CHANNELS.autosave, PAGE, [{ fileName: 'a.json', text: '{}', handle: HANDLE }])).toMatchObject({ ok: true });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'a.md', text: '# a', kind: 'markdown' }])).toMatchObject({ ok: true });
    expect(checkIpcMessage(SEND_CHANNELS.nativeEdit, PAGE, ['paste'])).toMatchObject({ ok: true });
  });

  it.each([
    ['an unknown channel', 'fs:readFile', PAGE, ['/etc/passwd'], /unknown channel "fs:readFile"/],
    ['a sender that is not the app', INVOKE_CHANNELS.open, 'https://evil.example/', [], /sender "https:\/\/evil\.example\/" is not the app's page/],
    ['a file:// sender', INVOKE_CHANNELS.open, 'file:///tmp/x.html', [], /is not the app's page/],
    ['no sender frame', INVOKE_CHANNELS.open, undefined, [], /is not the app's page/],
    ['a number where the text goes', INVOKE_CHANNELS.save, PAGE, [42, 'a.json'], /document:save: argument/],
    ['a name with a folder in it', INVOKE_CHANNELS.save, PAGE, ['{}', '../../.bashrc'], /a file name without folders/],
    ['a handle that is not one', INVOKE_CHANNELS.save, PAGE, ['{}', 'a.json', 'C:/Windows/system32'], /document:save: argument/],
    ['extra arguments', INVOKE_CHANNELS.open, PAGE, ['surprise'], /document:open: argument/],
    ['an extra field', SEND_CHANNELS.documentState, PAGE, [{ fileName: 'a.json', dirty: true, path: '/etc' }], /document:state: argument/],
    ['a wrong type for dirty', SEND_CHANNELS.documentState, PAGE, [{ fileName: 'a.json', dirty: 'yes' }], /document:state: argument 0\.dirty/],
    ['an edit that is not one of the native ones', SEND_CHANNELS.nativeEdit, PAGE, ['print'], /edit:native: argument 0/],
    ['an unknown export kind', INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'a.exe', text: '', kind: 'exe' }], /document:export: argument 0\.kind/],
  ])('refuses %s', (_what, channel, sender, args, reason) => {
    const check = checkIpcMessage(channel, sender, args);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('refuses a huge payload before looking at it', () => {
    const huge = 'x'.repeat(MAX_IPC_PAYLOAD_BYTES + 1);
    const check = checkIpcMessage(SEND_CHANNELS.autosave, PAGE, [{ fileName: 'a.json', text: huge }]);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/document:autosave: 64 MiB is over the 64 MiB limit/) });
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'convstudio-web-'));

  it('serves files under the app folder with the security and isolation headers', () => {
    const page = resolveAppRequest('app://convstudio/', root);
    expect(page).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect(page.headers).toMatchObject({ 'Content-Security-Policy': PAGE_CSP, 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Content-Type': 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://convstudio/datasets/mnist/train-images-idx3-ubyte.gz', root)).toMatchObject({ status: 200, file: join(root, 'datasets/mnist/train-images-idx3-ubyte.gz') });
    // Only the worker may compile GPU.js kernels from source.
    expect(resolveAppRequest('app://convstudio/worker/trainingWorker.js', root).headers['Content-Security-Policy']).toBe(WORKER_CSP);
    expect(PAGE_CSP).not.toMatch(/'unsafe-eval'/);
    expect(WORKER_CSP).toMatch(/'unsafe-eval'/);
  });

  it.each([
    ['app://convstudio/../../etc/passwd'],
    ['app://convstudio/%2e%2e/%2e%2e/etc/passwd'],
    ['app://convstudio/..%2f..%2fetc%2fpasswd'],
    ['app://convstudio/..%5c..%5cwindows%5cwin.ini'],
    ['app://other/index.html'],
    ['app://convstudio/a%00b'],
    ['https://convstudio/index.html'],
  ])('refuses %s', (url) => {
    const response = resolveAppRequest(url, root);
    if (response.status === 200) expect(response.file.startsWith(root)).toBe(true);
    else expect(response.status).toBe(403);
  });

  it('is the policy the page itself declares, so the browser build runs under it too', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`);
  });
});

describe('the network lock-down', () => {
  it.each([
    ['app://convstudio/main.js', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:app://convstudio/1234', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://cdn.jsdelivr.net/npm/gpu.js', false],
    ['http://127.0.0.1:5173/', false],
    ['wss://telemetry.example/', false],
    ['file:///etc/passwd', false],
    ['https://fonts.googleapis.com/css', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAllowedRequest(url)).toBe(allowed);
  });

  it('lets the window navigate only within the app', () => {
    expect(isAllowedNavigation('app://convstudio/index.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///home/student/net.json')).toBe(false);
  });
});
