/**
 * A helper the OS deschedules mid-share: the caller stops spinning after a
 * millisecond and sleeps in Atomics.wait on the helper's DONE word
 * (kernelThreads.ts, awaitDone), which the helper must notify. Here every
 * run a helper makes first stalls for 20 ms, so each threaded convolution
 * takes that path, and its result must still be the one-thread result.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { convInfo } from '../../../engine/backend/convInfo';
import { KernelThreads } from '../../../engine/backend/gpujs/kernelThreads';
import { createWasmBackend } from '../../../engine/backend/wasm/wasmBackend';

/** The WebAssembly the helper script is given, with every `run` export stalling first. */
const STALLING_WASM = `var stallingWasm = { Instance: function (module, imports) {
  var exports = new WebAssembly.Instance(module, imports).exports;
  var stalled = Object.assign({}, exports);
  stalled.run = function (a, b, c) { var t = Date.now(); while (Date.now() - t < 20); return exports.run(a, b, c); };
  return { exports: stalled };
} };`;

const helpers = await KernelThreads.start((source) => {
  if (!source.includes(', WebAssembly);')) throw new Error('the helper script no longer passes WebAssembly as its last argument');
  const worker = new Worker(`${STALLING_WASM}\n${source.replace(', WebAssembly);', ', stallingWasm);')}`, { eval: true });
  worker.unref();
  return worker;
}, 1);
afterAll(() => helpers.destroy());

describe('a helper thread that lags behind the caller', () => {
  it('is waited for, asleep, and its share of the convolution and its gradients is right', () => {
    const info = convInfo([8, 3, 12, 12], 4, [3, 3], [1, 1], 'valid', [1, 1]);
    const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
    const results = [createWasmBackend(), createWasmBackend({ threads: helpers, threadedMacs: 0 })].map((backend) => {
      const x = backend.tensor([8, 3, 12, 12], values(8 * 3 * 144, 1));
      const w = backend.tensor([4, 3, 3, 3], values(4 * 27, 2));
      const y = backend.conv2d(x, w, info);
      const started = performance.now();
      const dx = backend.conv2dBackwardInput(y, w, info);
      const dw = backend.conv2dBackwardFilter(x, y, info);
      const ms = performance.now() - started;
      const out = { y: backend.read(y), dx: backend.read(dx), dw: backend.read(dw), ms };
      backend.destroy?.();
      return out;
    });
    const [one, two] = results as [(typeof results)[0], (typeof results)[0]];
    expect(two.ms).toBeGreaterThan(40); // the helper stalled in both gradients: the slow path ran
    expect(Array.from(two.y)).toEqual(Array.from(one.y));
    expect(Array.from(two.dx)).toEqual(Array.from(one.dx));
    // The filter gradient is summed from one partial per thread: float32 rounding in another order.
    const scale = Math.max(...Array.from(one.dw, Math.abs));
    expect(Math.max(...Array.from(two.dw, (v, i) => Math.abs(v - (one.dw[i] as number))))).toBeLessThan(1e-6 * scale);
  });
});
