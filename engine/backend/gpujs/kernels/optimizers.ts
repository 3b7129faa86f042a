/** SGD and Adam: the shared optimizer math (../../optimizerUpdates.ts) compiled as gpu.js kernels. */
import type { KernelsFor } from '../../kernelTable';
import { adamUpdate, sgdUpdate } from '../../optimizerUpdates';
import type { GpujsContext } from '../gpujsContext';

export const optimizerKernels: KernelsFor<GpujsContext, 'sgdUpdate' | 'adamUpdate'> = {
  sgdUpdate: (c, param, grad, velocity, settings) => sgdUpdate(c.elements, param, grad, velocity, settings),
  adamUpdate: (c, param, grad, m, v, settings) => adamUpdate(c.elements, param, grad, m, v, settings),
};
