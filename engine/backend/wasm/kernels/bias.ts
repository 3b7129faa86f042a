/** Adding a bias (per channel or per value) and its gradient, in the module. */
import type { KernelsFor } from '../../kernelTable';
import type { WasmContext } from '../wasmContext';

export const biasKernels: KernelsFor<WasmContext, 'addBias' | 'biasGradient'> = {
  addBias(c, y, b) {
    const out = c.storage.allocate(y.shape);
    const samples = y.shape[0] ?? 1;
    // A per-channel bias repeats over each channel's positions; a full bias only over samples.
    c.k.addBias(c.storage.ptr(y), c.storage.ptr(b), c.storage.ptr(out), samples, b.size, y.size / samples / b.size);
    return out;
  },
  biasGradient(c, dy, biasShape) {
    const out = c.storage.allocate(biasShape);
    const samples = dy.shape[0] ?? 1;
    c.k.biasGradient(c.storage.ptr(dy), c.storage.ptr(out), samples, out.size, dy.size / samples / out.size);
    return out;
  },
};
