/** Adam in the module (float32 SIMD, the formulas of optimizerMath.js); SGD on the CPU reference, in place over the memory. */
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

export const optimizerKernels: KernelsFor<WasmContext, 'sgdUpdate' | 'adamUpdate'> = {
  sgdUpdate: viaCpu('sgdUpdate'),
  adamUpdate(c, param, grad, m, v, s) {
    const p = c.storage.ptr;
    c.k.adam(p(param), p(grad), p(m), p(v), param.size, s.learningRate, s.beta1, s.beta2, s.epsilon, s.weightDecay, 1 - s.beta1 ** s.step, 1 - s.beta2 ** s.step);
  },
};
