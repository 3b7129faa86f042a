/** Max and average pooling (padding never a candidate) and their gradients. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from '../pool';

export const poolingKernels: KernelsFor<CpuContext, 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'> = {
  maxPool(c, x, info) {
    const { y, argmax } = maxPool(valuesOf(x), info, c.make);
    return { y: c.wrap([info.batch, info.inC, info.outH, info.outW], y), argmax: c.wrap([y.length], argmax) };
  },
  maxPoolBackward(c, dy, argmax, info) {
    const inputShape = [info.batch, info.inC, info.inH, info.inW];
    return c.wrap(inputShape, maxPoolBackward(valuesOf(dy), valuesOf(argmax), inputShape.reduce((a, b) => a * b, 1), c.make));
  },
  avgPool: (c, x, info) => c.wrap([info.batch, info.inC, info.outH, info.outW], avgPool(valuesOf(x), info, c.make)),
  avgPoolBackward: (c, dy, info) => c.wrap([info.batch, info.inC, info.inH, info.inW], avgPoolBackward(valuesOf(dy), info, c.make)),
};
