/** Element-wise sum in the module; product on the CPU reference. */
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

export const arithmeticKernels: KernelsFor<WasmContext, 'add' | 'multiply'> = {
  add(c, a, b) {
    if (a.size !== b.size) throw new Error(`shape mismatch: [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
    const out = c.storage.allocate(a.shape);
    c.k.add(c.storage.ptr(a), c.storage.ptr(b), c.storage.ptr(out), a.size);
    return out;
  },
  multiply: viaCpu('multiply'),
};
