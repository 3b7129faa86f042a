/** Max and average pooling and their gradients (lanes along rows of a multiple of 4 on webasm). */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as lanes from '../sources/lanes.js';
import * as scalar from '../sources/scalar.js';

export const poolingKernels: KernelsFor<GpujsContext, 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'> = {
  maxPool(c, x, info) {
    const shape = [info.batch, info.inC, info.outH, info.outW];
    const argmax = c.alongRows(info.outW)
      ? c.kernels.mapShaped('maxPoolArgmaxLanes', lanes.maxPoolArgmaxLanes, shape, { output: [info.outW, info.outH, info.batch * info.inC], work: info.kH * info.kW }, info, x)
      : c.kernels.map('maxPoolArgmax', scalar.maxPoolArgmax, shape, info, x);
    return { y: c.kernels.map('gatherByIndex', scalar.gatherByIndex, shape, {}, x, argmax), argmax };
  },
  maxPoolBackward(c, dy, argmax, info) {
    const shape = [info.batch, info.inC, info.inH, info.inW];
    if (c.alongRows(info.inW)) {
      const disjoint = info.strideH >= info.kH && info.strideW >= info.kW;
      const output = [info.inW, info.inH, info.batch * info.inC];
      if (!disjoint) return c.kernels.mapShaped('maxPoolBackwardLanes', lanes.maxPoolBackwardLanes, shape, { output, work: info.kH * info.kW }, info, dy, argmax);
      return c.kernels.mapShaped('maxPoolBackwardDisjoint', lanes.maxPoolBackwardDisjoint, shape, { output, work: 2 }, info, dy, argmax);
    }
    return c.kernels.map('maxPoolBackward', scalar.maxPoolBackward, shape, info, dy, argmax);
  },
  avgPool: (c, x, info) => c.kernels.map('avgPool', scalar.avgPoolForward, [info.batch, info.inC, info.outH, info.outW], info, x),
  avgPoolBackward: (c, dy, info) => c.kernels.map('avgPoolBackward', scalar.avgPoolBackward, [info.batch, info.inC, info.inH, info.inW], info, dy),
};
