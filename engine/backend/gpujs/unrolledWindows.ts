/**
 * The unrolled windows of each convolution input, kept while that input
 * lives: the filter gradient needs the windows the forward pass made, and
 * unrolling them again costs about as much as the product itself.
 */
import type { Tensor } from '../backend';
import type { ConvInfo } from '../convInfo';
import type { KernelCache } from './kernelCache';
import type { GpujsStorage, GpuTensor, Storage } from './gpujsStorage';
import type { SharedConvConstants } from './kernelConstants';
import * as lanes from './sources/lanes.js';
import * as scalar from './sources/scalar.js';

export interface UnrolledWindows {
  /**
   * x's unrolled windows (webasm's columns [batch, rows, positions], or rows
   * of windows [batch·positions, rows]), kept with x until x goes or another
   * convolution of x replaces them: a new reference the caller disposes.
   */
  of(x: Tensor, info: ConvInfo): GpuTensor;
  /** Frees what was kept with `storage` (called as it is freed). */
  forget(storage: Storage): void;
}

export const sharedConstants = (info: ConvInfo): SharedConvConstants => ({ ...info, rows: info.inC * info.kH * info.kW });

/** `storage` is given late: the storage's own free hook calls `forget`. */
export function createUnrolledWindows(cache: () => KernelCache, storage: () => GpujsStorage, withLanes: boolean): UnrolledWindows {
  const kept = new Map<Storage, { key: string; windows: GpuTensor }>();
  return {
    of(input, info) {
      const x = storage().alive(input);
      const key = JSON.stringify(info);
      const previous = kept.get(x.storage);
      if (previous?.key === key) return storage().share(previous.windows, previous.windows.shape);
      const constants = sharedConstants(info);
      const windows = withLanes
        ? cache().mapShaped('im2colLanes', lanes.im2colLanes, [info.batch, constants.rows, info.outH * info.outW], { output: [info.outW, info.outH, info.batch * constants.rows] }, constants, x)
        : cache().map('im2row', scalar.im2row, [info.batch * info.outH * info.outW, constants.rows], constants, x);
      if (previous) storage().release(previous.windows.storage);
      kept.set(x.storage, { key, windows });
      return storage().share(windows, windows.shape);
    },
    forget(freed) {
      const previous = kept.get(freed);
      if (!previous) return;
      kept.delete(freed);
      storage().release(previous.windows.storage);
    },
  };
}
