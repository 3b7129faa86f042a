/** SGD and Adam as gpu.js kernels over the shared per-element math (../../optimizerMath.js); each result replaces its tensor's storage. */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as k from '../sources/optimizers.js';

export const optimizerKernels: KernelsFor<GpujsContext, 'sgdUpdate' | 'adamUpdate'> = {
  sgdUpdate(c, param, grad, velocity, s) {
    const { map } = c.kernels;
    c.storage.replace(velocity, map('sgdVelocity', k.sgdVelocityKernel, param.shape, {}, param, grad, velocity, s.momentum, s.weightDecay));
    c.storage.replace(param, map('sgdParameter', k.sgdParameterKernel, param.shape, {}, param, grad, velocity, s.learningRate, s.momentum, s.weightDecay, s.nesterov ? 1 : 0));
  },
  adamUpdate(c, param, grad, m, v, s) {
    const { map } = c.kernels;
    c.storage.replace(m, map('adamFirstMoment', k.adamFirstMomentKernel, param.shape, {}, param, grad, m, s.beta1, s.weightDecay));
    c.storage.replace(v, map('adamSecondMoment', k.adamSecondMomentKernel, param.shape, {}, param, grad, v, s.beta2, s.weightDecay));
    const correction1 = 1 - s.beta1 ** s.step;
    const correction2 = 1 - s.beta2 ** s.step;
    c.storage.replace(param, map('adamParameter', k.adamParameterKernel, param.shape, {}, param, m, v, s.learningRate, correction1, correction2, s.epsilon));
  },
};
