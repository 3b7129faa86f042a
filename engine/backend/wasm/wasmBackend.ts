/**
 * The wasm backend: hand-written WebAssembly SIMD kernels (./assembly/,
 * AssemblyScript) over tensors that live in the module's memory, so one
 * kernel's result is the next one's input with nothing copied. Primitives
 * that are rare or cheap run the CPU reference's kernels over the same
 * memory (wasmContext.ts). float32 throughout, like the GPU backends.
 */
import type { Backend } from '../backend';
import type { KernelThreads } from '../gpujs/kernelThreads';
import { bindKernels } from '../kernelTable';
import { WASM_KERNELS } from './kernels';
import { createWasmContext } from './wasmContext';
import { wasmKernels, type WasmKernels } from './wasmModule';
import { createWasmStorage } from './wasmStorage';
import { createWasmParallel } from './wasmThreads';

export interface WasmBackend extends Backend {
  /** Tensors alive in the memory: a leak test watches this stay flat. */
  liveStorageCount(): number;
  destroy(): void;
}

export interface WasmOptions {
  /** Helper threads (the host's): convolutions are split over them by samples. */
  threads?: KernelThreads | undefined;
  /** Multiply-adds from which a convolution is split (tests use 0 to split every one). */
  threadedMacs?: number;
  /** The module instance to use (default: this thread's, over a shared memory when there are threads). */
  kernels?: WasmKernels;
}

export function createWasmBackend(options: WasmOptions = {}): WasmBackend {
  const { threads } = options;
  const kernels = options.kernels ?? wasmKernels(threads !== undefined);
  const storage = createWasmStorage(kernels);
  const parallel = threads && threads.threads > 1 ? createWasmParallel(kernels, storage, threads, options.threadedMacs) : undefined;
  return {
    name: 'wasm',
    liveStorageCount: storage.liveCount,
    destroy: storage.destroy,
    tensor(shape, values) {
      const t = storage.allocate(shape);
      if (values) {
        if (values.length !== t.size) {
          storage.dispose(t);
          throw new Error(`${values.length} values for shape [${shape.join(', ')}]`);
        }
        storage.view(t).set(values as ArrayLike<number>);
      } else {
        kernels.exports.fill(storage.ptr(t), t.size, 0);
      }
      return t;
    },
    read: storage.read,
    dispose: storage.dispose,
    reshape(t, shape) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== t.size) throw new Error(`cannot reshape [${t.shape.join(', ')}] to [${shape.join(', ')}]`);
      return storage.share(t, shape);
    },
    ...bindKernels(createWasmContext(kernels.exports, storage, parallel), WASM_KERNELS),
  };
}
