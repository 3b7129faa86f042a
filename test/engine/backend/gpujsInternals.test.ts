/**
 * gpu.js's private fields are reached only through engine/backend/gpujs/gpujsInternals.ts,
 * which checks them when a webasm backend is made: a gpu.js without them (a
 * stub here, standing in for another version) fails at once, naming what is
 * missing and the version expected. The real one passes, and is the version
 * package.json pins exactly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { GpuClass, GpuKernel } from '../../../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../../../engine/backend/gpujs/gpujsBackend';
import { GPUJS_VERSION } from '../../../engine/backend/gpujs/gpujsInternals';
import { GPU } from '../../helpers/backends';

/** A GPU class whose webasm kernels have only the fields given (what another gpu.js might look like). */
function stubGpu(instanceFields: Record<string, unknown>): GpuClass {
  return class {
    createKernel(): GpuKernel {
      const kernel = (() => new Float32Array(4)) as unknown as GpuKernel;
      kernel.kernel = { constructor: { name: 'WebAssemblyKernel' }, ...instanceFields } as GpuKernel['kernel'];
      return kernel;
    }
    destroy() {}
  } as unknown as GpuClass;
}

const method = () => undefined;
const entry = { id: 1, module: {}, memory: {}, layout: {}, cells: 4, sizeX: 4, f32: new Float32Array(4), i32: new Int32Array(4), run: method };

describe('gpu.js internals', () => {
  it('refuses a gpu.js whose kernels lack the private fields, naming each and the version expected', () => {
    expect(() => createGpujsBackend(stubGpu({ _shapeOutput: method, _threadable: method }), 'webasm')).toThrow(
      `gpujs:webasm cannot run on this gpu.js: its WebAssemblyKernel has no _runThreaded, _active (the built module entry). ConvStudio's webasm backend uses these private fields of gpu.js ${GPUJS_VERSION}`,
    );
    const { f32: _, ...withoutMemory } = entry;
    expect(() => createGpujsBackend(stubGpu({ _shapeOutput: method, _threadable: method, _runThreaded: method, _active: withoutMemory }), 'webasm')).toThrow('its WebAssemblyKernel has no _active.f32.');
  });

  it('accepts a gpu.js that has them all, and the real one', () => {
    expect(() => createGpujsBackend(stubGpu({ _shapeOutput: method, _threadable: method, _runThreaded: method, _active: entry }), 'webasm')).not.toThrow();
    const backend = createGpujsBackend(GPU, 'webasm');
    expect(Array.from(backend.read(backend.add(backend.tensor([2], [1, 2]), backend.tensor([2], [3, 4]))))).toEqual([4, 6]);
    backend.destroy();
  });

  it('is the gpu.js package.json pins exactly', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['gpu.js']).toBe(GPUJS_VERSION);
    expect((createRequire(import.meta.url)('gpu.js/package.json') as { version: string }).version).toBe(GPUJS_VERSION);
  });
});
