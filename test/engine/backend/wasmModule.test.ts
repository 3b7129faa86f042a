/**
 * The wasm backend's module: built from its AssemblyScript source, one
 * instance and memory per thread whatever the number of backends, and clear
 * refusals when the memory is full or a destroyed backend's tensor is used.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../../../engine/backend/wasm/wasmBackend';
import { wasmKernels } from '../../../engine/backend/wasm/wasmModule';

describe('the wasm backend module', () => {
  it('is what its AssemblyScript source compiles to (npm run build:wasm writes it)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('serves a hundred backends from one memory that does not grow once they have run', () => {
    const bytes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const backend = createWasmBackend();
      const x = backend.tensor([64, 64], new Float32Array(4096).fill(1));
      const y = backend.matmul(x, x, false, true);
      expect(backend.read(y)[0]).toBe(64);
      backend.destroy();
      expect(backend.liveStorageCount()).toBe(0);
      bytes.push(wasmKernels().bytes());
    }
    expect(new Set(bytes.slice(1)).size, `memory bytes: ${[...new Set(bytes)].join(', ')}`).toBe(1);
  });

  it('refuses a tensor beyond its memory with a message that says so, and goes on working', () => {
    const backend = createWasmBackend();
    expect(() => backend.tensor([30_000, 30_000])).toThrow(/wasm backend's memory is full \(2048 MiB at most, 1024 MiB for one tensor\)/);
    const t = backend.tensor([2], [1, 2]);
    expect([...backend.read(t)]).toEqual([1, 2]);
    backend.destroy();
  });

  it("refuses a destroyed backend's tensors by name", () => {
    const backend = createWasmBackend();
    const t = backend.tensor([3], [1, 2, 3]);
    backend.destroy();
    expect(() => backend.read(t)).toThrow(/a tensor \[3\] of a destroyed wasm backend was used/);
  });
});
