/** Element-wise sum and product of two tensors of one shape. */
import type { Tensor } from '../../backend';
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

function zip(c: CpuContext, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const av = valuesOf(a);
  const bv = valuesOf(b);
  if (av.length !== bv.length) throw new Error(`shape mismatch: [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  const out = new c.make(av.length);
  for (let i = 0; i < av.length; i++) out[i] = f(av[i] as number, bv[i] as number);
  return c.wrap(a.shape, out);
}

export const arithmeticKernels: KernelsFor<CpuContext, 'add' | 'multiply'> = {
  add: (c, a, b) => zip(c, a, b, (x, y) => x + y),
  multiply: (c, a, b) => zip(c, a, b, (x, y) => x * y),
};
