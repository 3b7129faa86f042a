import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` runs scripts/electronegativity.mjs over the app itself (npm run check:electron);
// this proves the same script fails where it should.
describe('Electronegativity over the desktop shell', () => {
  it('fails on an insecure window (the check can fail)', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'convstudio-insecure-'));
    mkdirSync(join(fixture, 'app'));
    writeFileSync(join(fixture, 'app', 'main.js'), `const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n`);
    writeFileSync(join(fixture, 'package.json'), JSON.stringify({ devDependencies: { electron: '41.0.0' } }));
    const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs', join(fixture, 'app'), join(fixture, 'package.json')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr, run.stderr).toBe("");
    expect(run.stdout).toMatch(/FAIL\s+HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(run.stdout).toMatch(/FAIL\s+MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(run.stdout).toMatch(/FAIL\s+HIGH\s+LIMIT_NAVIGATION_GLOBAL_CHECK/);
  });
});
