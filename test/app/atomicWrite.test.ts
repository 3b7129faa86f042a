import { spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../host/atomicWrite';

const folder = () => mkdtempSync(join(tmpdir(), 'convstudio-save-'));

describe('saving a file atomically', () => {
  it('replaces the content, keeps the previous version as .bak, and leaves no temporary file', () => {
    const dir = folder();
    const file = join(dir, 'net.json');
    writeFileAtomically(file, 'first');
    expect(existsSync(`${file}.bak`)).toBe(false);
    writeFileAtomically(file, 'second', { backup: true });
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('first');
    expect(readdirSync(dir).sort()).toEqual(['net.json', 'net.json.bak']);
  });

  it('leaves the previous file readable when the saving process is killed mid-write', async () => {
    const dir = folder();
    const file = join(dir, 'lenet.json');
    const original = JSON.stringify({ name: 'the saved graph', pad: 'x'.repeat(1000) });
    writeFileSync(file, original);
    // A child process saves a 300 MB text through the same function and is killed as soon as
    // its temporary file appears, that is, in the middle of writing it.
    const saver = join(dir, 'saver.cjs');
    buildSync({ entryPoints: [new URL('../../host/atomicWrite.ts', import.meta.url).pathname], outfile: saver, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    const script = `
      const { writeFileAtomically } = require(${JSON.stringify(saver)});
      process.stdout.write('writing\\n');
      writeFileAtomically(${JSON.stringify(file)}, 'y'.repeat(300 * 1024 * 1024), { backup: true });
      process.stdout.write('done\\n');`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const temporaryFileSeen = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).some((name) => name.endsWith('.tmp'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(true);
        }
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(false);
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)));
    expect(temporaryFileSeen).toBe(true);
    expect(output).toBe('writing\n');
    expect(child.signalCode).toBe('SIGKILL');
    expect(readFileSync(file, 'utf8')).toBe(original);
    // What the kill left behind is a temporary file beside it, never a half-written original.
    const left = readdirSync(dir).filter((name) => name !== 'lenet.json' && name !== 'saver.cjs');
    for (const name of left) expect(name).toMatch(/^\.lenet\.json\..*\.tmp$/);
  });

  it('reports a failure and keeps the file when the folder cannot be written', () => {
    const dir = folder();
    const file = join(dir, 'missing-folder', 'net.json');
    expect(() => writeFileAtomically(file, 'text')).toThrow(/ENOENT/);
  });
});
