/** The 2-D product with optional transposes, as SIMD products: along B's rows when B is stored as used, dot products when it is stored transposed. */
import type { KernelsFor } from '../../kernelTable';
import type { WasmContext } from '../wasmContext';

export const matmulKernels: KernelsFor<WasmContext, 'matmul'> = {
  matmul(c, a, b, transposeA, transposeB) {
    const [aRows = 0, aCols = 0] = a.shape;
    const [bRows = 0, bCols = 0] = b.shape;
    const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
    const [k2, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
    if (k !== k2) throw new Error(`matmul: inner sizes ${k} and ${k2} differ`);
    const out = c.storage.allocate([m, n]);
    const [pa, pb, pc] = [c.storage.ptr(a), c.storage.ptr(b), c.storage.ptr(out)];
    const [rowStride, innerStride] = transposeA ? [1, aCols] : [aCols, 1];
    if (!transposeB) {
      c.k.gemmRows(pa, rowStride, innerStride, pb, bCols, pc, n, m, n, k, 0);
    } else if (!transposeA) {
      c.k.gemmDot(pa, aCols, pb, bCols, pc, n, m, n, k, 0);
    } else {
      // Both transposed (no layer asks for it): B laid out as used first.
      const bt = c.storage.scratch(k * n);
      c.k.transpose(pb, bt, bRows, bCols);
      c.k.gemmRows(pa, rowStride, innerStride, bt, n, pc, n, m, n, k, 0);
      c.storage.free(bt);
    }
    return out;
  },
};
