/**
 * The gpujs backend's tensors: a shape over a reference-counted storage (a
 * typed array on cpu and webasm, a texture on WebGL). Reshapes share a
 * storage; it is freed when its last tensor is disposed.
 */
import { disposedTensorError, type Tensor } from '../backend';
import type { KernelResult } from './gpuApi';

export interface Storage {
  value: KernelResult;
  refs: number;
}

/** What a released tensor holds. */
const NO_VALUES = new Float32Array(0);

export class GpuTensor implements Tensor {
  readonly size: number;
  /** Set by dispose: its storage may already hold another kernel's values, so any later use throws. */
  disposed = false;
  constructor(
    readonly shape: readonly number[],
    public storage: Storage,
  ) {
    this.size = shape.reduce((a, b) => a * b, 1);
  }
}

export interface GpujsStorage {
  /** A new tensor owning `value`. */
  own(shape: readonly number[], value: KernelResult): GpuTensor;
  /** A live gpujs tensor, or a clear error (another backend's, or disposed). */
  alive(t: Tensor): GpuTensor;
  valueOf(t: Tensor): KernelResult;
  /** One reference less; the last frees the values (and calls `onFree`). */
  release(storage: Storage): void;
  dispose(t: Tensor): void;
  /** Another tensor over the same storage. */
  share(t: Tensor, shape: readonly number[]): GpuTensor;
  /** Moves `next`'s storage into `target` (the optimizers' in-place update). */
  replace(target: Tensor, next: Tensor): void;
  download(t: Tensor): Float32Array;
  liveCount(): number;
}

/** `onFree` runs as a storage is freed: what is kept with a tensor (its unrolled windows) goes with it. */
export function createGpujsStorage(onFree: (storage: Storage) => void): GpujsStorage {
  let live = 0;
  const alive = (t: Tensor): GpuTensor => {
    if (!(t instanceof GpuTensor)) throw new Error('a tensor from another backend was given to the gpujs backend');
    if (t.disposed) throw disposedTensorError(t);
    return t;
  };
  const release = (storage: Storage) => {
    if (--storage.refs > 0) return;
    live--;
    onFree(storage);
    if (storage.value instanceof Float32Array) {
      // A dead tensor may still be referenced (a layer's saved inputs): drop the values, which may be a
      // view that would keep a kernel's whole WebAssembly memory alive.
      storage.value = NO_VALUES;
    } else {
      storage.value.delete();
    }
  };
  return {
    own(shape, value) {
      live++;
      return new GpuTensor(shape, { value, refs: 1 });
    },
    alive,
    valueOf: (t) => alive(t).storage.value,
    release,
    dispose(t) {
      const tensor = alive(t);
      tensor.disposed = true;
      release(tensor.storage);
    },
    share(t, shape) {
      const tensor = alive(t);
      tensor.storage.refs++;
      return new GpuTensor(shape, tensor.storage);
    },
    replace(to, next) {
      const target = alive(to);
      const source = alive(next);
      release(target.storage);
      target.storage = source.storage;
      source.disposed = true; // its storage now belongs to target
    },
    download(t) {
      const value = alive(t).storage.value;
      return value instanceof Float32Array ? value.slice() : Float32Array.from(value.toArray());
    },
    liveCount: () => live,
  };
}
