/**
 * The helper thread's script is built from its functions' own source, so it
 * must still run after a bundler has minified them with names kept (the
 * browser build's esbuild settings), which wraps named inner functions in a
 * helper the thread would not have.
 */
import { buildSync } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CONTROL } from '../../../engine/backend/gpujs/helperThread';

function scriptAsBundled(minify: boolean): string {
  const { outputFiles } = buildSync({
    stdin: { contents: "import { helperScript } from './engine/backend/gpujs/helperThread'; result = helperScript({ idleSpins: 10, sleepMs: 50 });", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify,
    keepNames: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const sandbox: { result?: string } = {};
  runInNewContext(outputFiles[0]?.text ?? '', sandbox);
  return sandbox.result ?? '';
}

describe('the helper thread script', () => {
  it.each([false, true])('starts and answers a yield when bundled (minified: %s)', async (minify) => {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL.WORDS * 4));
    const worker = new Worker(scriptAsBundled(minify), { eval: true });
    const errors: Error[] = [];
    worker.on('error', (e) => errors.push(e));
    worker.postMessage({ control: control.buffer, base: 0 });
    await expect.poll(() => Atomics.load(control, CONTROL.STARTED), { timeout: 5000 }).toBe(1);
    // A command: yield back to the event loop. The helper marks it done.
    control[CONTROL.COMMAND] = CONTROL.YIELD;
    Atomics.store(control, CONTROL.SEQUENCE, 1);
    Atomics.notify(control, CONTROL.SEQUENCE);
    await expect.poll(() => Atomics.load(control, CONTROL.DONE), { timeout: 5000 }).toBe(1);
    await worker.terminate();
    expect(errors).toEqual([]);
  });
});
