/**
 * The wasm backend's tensors: shapes over blocks of its module's memory.
 * Blocks are counted by the views that share them (reshape) and freed when
 * the last is disposed; a backend's destroy frees every block it still
 * holds, since the memory itself outlives it (wasmModule.ts).
 */
import { disposedTensorError, type Tensor } from '../backend';
import type { WasmKernels } from './wasmModule';

interface Block {
  ptr: number;
  count: number;
  views: number;
  /** Max pooling's argmax holds int32 input indices. */
  int32: boolean;
  freed: boolean;
}

export class WasmTensor implements Tensor {
  readonly size: number;
  disposed = false;
  constructor(
    readonly shape: readonly number[],
    readonly block: Block,
  ) {
    this.size = block.count;
  }
}

export interface WasmStorage {
  allocate(shape: readonly number[], int32?: boolean): WasmTensor;
  /** The tensor's byte offset, for the kernels; refuses another backend's tensor, a disposed one, or one freed by destroy. */
  ptr(t: Tensor): number;
  /** Its values, a view valid until the next allocation. */
  view(t: Tensor): Float32Array;
  read(t: Tensor): Float32Array | Float64Array;
  share(t: Tensor, shape: readonly number[]): WasmTensor;
  dispose(t: Tensor): void;
  /** A block for one kernel's working values, freed by the caller with `free`. */
  scratch(count: number): number;
  free(ptr: number): void;
  /** Whether these values are a view of the module's memory (and so move when it grows). */
  inMemory(values: ArrayBufferView): boolean;
  liveCount(): number;
  destroy(): void;
}

export function createWasmStorage(kernels: WasmKernels): WasmStorage {
  const { exports } = kernels;
  const live = new Set<Block>();
  const blockOf = (t: Tensor): Block => {
    if (!(t instanceof WasmTensor)) throw new Error('a tensor from another backend was given to the wasm backend');
    if (t.disposed) throw disposedTensorError(t);
    if (t.block.freed) throw new Error(`a tensor [${t.shape.join(', ')}] of a destroyed wasm backend was used`);
    return t.block;
  };
  const scratch = (count: number) => exports.alloc(Math.max(count, 1) * 4);
  return {
    allocate(shape, int32 = false) {
      const count = shape.reduce((a, b) => a * b, 1);
      const block: Block = { ptr: scratch(count), count, views: 1, int32, freed: false };
      live.add(block);
      return new WasmTensor([...shape], block);
    },
    ptr: (t) => blockOf(t).ptr,
    view(t) {
      const block = blockOf(t);
      if (block.int32) throw new Error('argmax indices are not values');
      return kernels.f32(block.ptr, block.count);
    },
    read(t) {
      const block = blockOf(t);
      return block.int32 ? Float64Array.from(kernels.i32(block.ptr, block.count)) : kernels.f32(block.ptr, block.count).slice();
    },
    share(t, shape) {
      const block = blockOf(t);
      block.views++;
      return new WasmTensor([...shape], block);
    },
    dispose(t) {
      const block = blockOf(t);
      (t as WasmTensor).disposed = true;
      if (--block.views > 0) return;
      block.freed = true;
      live.delete(block);
      exports.release(block.ptr);
    },
    scratch,
    free: (ptr) => exports.release(ptr),
    inMemory: (values) => values.buffer === kernels.f32(0, 0).buffer,
    liveCount: () => live.size,
    destroy() {
      for (const block of live) {
        block.freed = true;
        exports.release(block.ptr);
      }
      live.clear();
    },
  };
}
