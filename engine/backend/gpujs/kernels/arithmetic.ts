/** Element-wise sum and product of two tensors of one shape. */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as scalar from '../sources/scalar.js';

export const arithmeticKernels: KernelsFor<GpujsContext, 'add' | 'multiply'> = {
  add: (c, a, b) => c.kernels.map('add', scalar.add, a.shape, {}, a, b),
  multiply: (c, a, b) => c.kernels.map('multiply', scalar.multiply, a.shape, {}, a, b),
};
