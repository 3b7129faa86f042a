/** The 2-D product with optional transposes. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';
import { matmul } from '../matmul';

export const matmulKernels: KernelsFor<CpuContext, 'matmul'> = {
  matmul(c, a, b, transposeA, transposeB) {
    const [aRows = 0, aCols = 0] = a.shape;
    const [bRows = 0, bCols = 0] = b.shape;
    const { m, n, out } = matmul(valuesOf(a), aRows, aCols, transposeA, valuesOf(b), bRows, bCols, transposeB, c.make);
    return c.wrap([m, n], out);
  },
};
