/** The element-wise activations and their gradients. */
import type { ActivationKind } from '../../backend';
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as scalar from '../sources/scalar.js';

const forward: Record<Exclude<ActivationKind, 'leakyRelu'>, typeof scalar.relu> = { relu: scalar.relu, sigmoid: scalar.sigmoid, tanh: scalar.tanh };

export const activationKernels: KernelsFor<GpujsContext, 'activation' | 'activationBackward'> = {
  activation: (c, kind, x, alpha) =>
    kind === 'leakyRelu' ? c.kernels.map(kind, scalar.leakyRelu, x.shape, {}, x, alpha) : c.kernels.map(kind, forward[kind], x.shape, {}, x),
  activationBackward(c, kind, x, y, dy, alpha) {
    switch (kind) {
      case 'relu':
        return c.kernels.map('reluBackward', scalar.reluBackward, x.shape, {}, x, dy);
      case 'leakyRelu':
        return c.kernels.map('leakyReluBackward', scalar.leakyReluBackward, x.shape, {}, x, dy, alpha);
      case 'sigmoid':
        return c.kernels.map('sigmoidBackward', scalar.sigmoidBackward, x.shape, {}, y, dy);
      case 'tanh':
        return c.kernels.map('tanhBackward', scalar.tanhBackward, x.shape, {}, y, dy);
    }
  },
};
