/**
 * What the CPU reference's kernels share: the precision's array type, a way
 * to wrap values as a tensor, the unrolled convolution windows handed from a
 * forward pass to its filter gradient.
 */
import type { Tensor } from '../backend';
import type { ConvInfo } from '../convInfo';
import { im2row } from './conv';
import { CpuTensor, valuesOf, type Values, type ValuesConstructor } from './cpuTensor';

export interface CpuContext {
  make: ValuesConstructor;
  wrap(shape: readonly number[], data: Values): CpuTensor;
  /** x's unrolled windows for a forward pass, kept for the same layer's filter gradient. */
  unrollForForward(x: Tensor, info: ConvInfo): Values;
  /** The windows the forward pass kept for x (taken once), or x unrolled afresh. */
  unrollForBackward(x: Tensor, info: ConvInfo): Values;
}

export function createCpuContext(make: ValuesConstructor): CpuContext {
  const wrap = (shape: readonly number[], data: Values) => new CpuTensor([...shape], data);
  /**
   * The forward pass always unrolls afresh; the backward pass takes them
   * once, so values changed in between are never stale.
   */
  const pendingWindows = new WeakMap<Values, { key: string; windows: Values }>();
  return {
    make,
    wrap,
    unrollForForward(x, info) {
      const windows = im2row(valuesOf(x), info, make);
      pendingWindows.set(valuesOf(x), { key: JSON.stringify(info), windows });
      return windows;
    },
    unrollForBackward(x, info) {
      const pending = pendingWindows.get(valuesOf(x));
      pendingWindows.delete(valuesOf(x));
      return pending?.key === JSON.stringify(info) ? pending.windows : im2row(valuesOf(x), info, make);
    },
  };
}
