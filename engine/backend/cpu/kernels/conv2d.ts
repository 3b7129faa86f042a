/** Convolution with kernel sets and its two gradients: products with unrolled windows when one set is shared, else direct loops. */
import type { KernelsFor } from '../../kernelTable';
import { conv2dBackwardFilterDirect, conv2dBackwardFilterShared, conv2dBackwardInput, conv2dBackwardInputShared, conv2dDirect, conv2dShared, isShared } from '../conv';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const conv2dKernels: KernelsFor<CpuContext, 'conv2d' | 'conv2dBackwardInput' | 'conv2dBackwardFilter'> = {
  conv2d: (c, x, w, info) =>
    c.wrap(
      [info.batch, info.outC, info.outH, info.outW],
      isShared(info) ? conv2dShared(c.unrollForForward(x, info), valuesOf(w), info, c.make) : conv2dDirect(valuesOf(x), valuesOf(w), info, c.make),
    ),
  conv2dBackwardInput: (c, dy, w, info) =>
    c.wrap([info.batch, info.inC, info.inH, info.inW], (isShared(info) ? conv2dBackwardInputShared : conv2dBackwardInput)(valuesOf(dy), valuesOf(w), info, c.make)),
  conv2dBackwardFilter: (c, x, dy, info) =>
    c.wrap(
      [info.tilesH * info.tilesW * info.outC, info.inC, info.kH, info.kW],
      isShared(info) ? conv2dBackwardFilterShared(c.unrollForBackward(x, info), valuesOf(dy), info, c.make) : conv2dBackwardFilterDirect(valuesOf(x), valuesOf(dy), info, c.make),
    ),
};
