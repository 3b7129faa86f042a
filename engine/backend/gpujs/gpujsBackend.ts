/**
 * The GPU.js backend: every primitive as GPU.js kernels, pinned to one mode
 * (webasm or cpu in Node; webgl2, webgl or webasm in a browser). Results stay
 * where the kernels leave them (WebGL textures, WebAssembly outputs) and feed
 * the next kernel directly; they come back to JavaScript only for metrics,
 * probes and saving.
 *
 * Its parts: storage (gpujsStorage.ts), compiling and caching kernels
 * (kernelCache.ts), the kernels one file per primitive (kernels/) over the
 * gpu.js kernel sources (sources/), and gpujsInternals.ts, the only code
 * that touches gpu.js's private fields.
 */
import type { Backend } from '../backend';
import { bindKernels } from '../kernelTable';
import type { GpuClass, GpuInstance, GpuMode } from './gpuApi';
import { createGpujsContext } from './gpujsContext';
import { checkGpujsInternals } from './gpujsInternals';
import { createGpujsStorage, type GpujsStorage } from './gpujsStorage';
import { createKernelCache, type KernelCache } from './kernelCache';
import { GPUJS_KERNELS } from './kernels';
import type { KernelThreads } from './kernelThreads';
import { createUnrolledWindows } from './unrolledWindows';

export interface GpujsBackend extends Backend {
  readonly mode: GpuMode;
  /** Device buffers or textures still alive: a leak test watches this stay flat. */
  liveStorageCount(): number;
  /** Kernels compiled so far (one per primitive and shape). */
  compiledKernelCount(): number;
  destroy(): void;
}

export interface GpujsOptions {
  /**
   * Helper threads (webasm only), started by the host: kernels with enough
   * work then run on them beside the calling thread. The host owns them and
   * may share them between backends; without them everything runs on the
   * calling thread.
   */
  threads?: KernelThreads;
  /** Cells × work per cell from which a kernel runs on the threads (default about 50 µs of work; tests use 0 to thread everything). */
  threadedWork?: number;
}

export function createGpujsBackend(GPU: GpuClass, mode: GpuMode, options: GpujsOptions = {}): GpujsBackend {
  if (mode === 'webgpu') {
    throw new Error('gpujs:webgpu runs kernels asynchronously, which this backend does not support yet; use webgl2, webasm or cpu');
  }
  // The webasm paths reach into gpu.js's private fields: a gpu.js without them fails here, by name.
  if (mode === 'webasm') checkGpujsInternals(GPU);
  let gpu: GpuInstance;
  try {
    gpu = new GPU({ mode });
  } catch (e) {
    throw new Error(`gpujs:${mode} is not available here (${(e as Error).message})`, { cause: e });
  }
  const lanes = mode === 'webasm';
  // The three parts refer to each other: a freed storage frees its kept windows, which the cache made.
  const windows = createUnrolledWindows(() => kernels, () => storage, lanes);
  const storage: GpujsStorage = createGpujsStorage((freed) => windows.forget(freed));
  const kernels: KernelCache = createKernelCache(gpu, mode, storage, options);
  const context = createGpujsContext(storage, kernels, windows, lanes);

  return {
    name: `gpujs:${mode}`,
    mode,
    liveStorageCount: storage.liveCount,
    compiledKernelCount: kernels.count,
    destroy() {
      kernels.destroy();
      void gpu.destroy();
    },
    tensor(shape, values) {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size);
      if (values) {
        if (values.length !== size) throw new Error(`${values.length} values for shape [${shape.join(', ')}]`);
        data.set(values as ArrayLike<number>);
      }
      return storage.own(shape, data);
    },
    read: storage.download,
    dispose: storage.dispose,
    reshape(t, shape) {
      storage.alive(t);
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== t.size) throw new Error(`cannot reshape [${t.shape.join(', ')}] to [${shape.join(', ')}]`);
      return storage.share(t, shape);
    },
    ...bindKernels(context, GPUJS_KERNELS),
  };
}
