/** The 2-D product with optional transposes (packed 4 rows per cell on webasm). */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import type { MatmulConstants } from '../kernelConstants';
import * as lanes from '../sources/lanes.js';
import * as scalar from '../sources/scalar.js';

export const matmulKernels: KernelsFor<GpujsContext, 'matmul'> = {
  matmul(c, a, b, transposeA, transposeB) {
    const [aRows = 0, aCols = 0] = a.shape;
    const [bRows = 0, bCols = 0] = b.shape;
    const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
    const [k2, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
    if (k !== k2) throw new Error(`matmul: inner sizes ${k} and ${k2} differ`);
    const constants: MatmulConstants = { m, n, k, aCols, bCols, transposeA: transposeA ? 1 : 0, transposeB: transposeB ? 1 : 0 };
    if (!c.lanes) return c.kernels.map('matmul', scalar.matmul, [m, n], constants, a, b);
    const blocks = Math.ceil(m / 4);
    return c.unpack(c.kernels.mapShaped('matmulPacked', lanes.matmulPacked, [blocks, n, 4], { output: [n, blocks], work: 4 * k }, constants, a, b), [m, n], n, m, 1);
  },
};
