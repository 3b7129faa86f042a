/** SGD and Adam: the shared optimizer math (../../optimizerUpdates.ts) over the CPU's element kernels. */
import type { KernelsFor } from '../../kernelTable';
import { adamUpdate, sgdUpdate } from '../../optimizerUpdates';
import type { CpuContext } from '../cpuContext';

export const optimizerKernels: KernelsFor<CpuContext, 'sgdUpdate' | 'adamUpdate'> = {
  sgdUpdate: (c, param, grad, velocity, settings) => sgdUpdate(c.elements, param, grad, velocity, settings),
  adamUpdate: (c, param, grad, m, v, settings) => adamUpdate(c.elements, param, grad, m, v, settings),
};
