/** The element-wise activations and their gradients. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';
import { activation, activationBackward } from '../elementwise';

export const activationKernels: KernelsFor<CpuContext, 'activation' | 'activationBackward'> = {
  activation: (c, kind, x, alpha) => c.wrap(x.shape, activation(kind, valuesOf(x), alpha, c.make)),
  activationBackward: (c, kind, x, y, dy, alpha) => c.wrap(x.shape, activationBackward(kind, valuesOf(x), valuesOf(y), valuesOf(dy), alpha, c.make)),
};
