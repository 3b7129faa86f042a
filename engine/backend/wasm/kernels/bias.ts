/** Adding a bias in the module (per channel or per value); its gradient on the CPU reference. */
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

export const biasKernels: KernelsFor<WasmContext, 'addBias' | 'biasGradient'> = {
  addBias(c, y, b) {
    const out = c.storage.allocate(y.shape);
    const samples = y.shape[0] ?? 1;
    // A per-channel bias repeats over each channel's positions; a full bias only over samples.
    c.k.addBias(c.storage.ptr(y), c.storage.ptr(b), c.storage.ptr(out), samples, b.size, y.size / samples / b.size);
    return out;
  },
  biasGradient: viaCpu('biasGradient'),
};
