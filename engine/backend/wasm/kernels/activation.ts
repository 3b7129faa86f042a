/** ReLU and leaky ReLU in the module (SIMD masks); sigmoid and tanh on the CPU reference. */
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

const cpu = { activation: viaCpu('activation'), activationBackward: viaCpu('activationBackward') };

export const activationKernels: KernelsFor<WasmContext, 'activation' | 'activationBackward'> = {
  activation(c, kind, x, alpha) {
    if (kind !== 'relu' && kind !== 'leakyRelu') return cpu.activation(c, kind, x, alpha);
    const y = c.storage.allocate(x.shape);
    c.k.leakyRelu(c.storage.ptr(x), c.storage.ptr(y), x.size, kind === 'relu' ? 0 : alpha);
    return y;
  },
  activationBackward(c, kind, x, y, dy, alpha) {
    if (kind !== 'relu' && kind !== 'leakyRelu') return cpu.activationBackward(c, kind, x, y, dy, alpha);
    const dx = c.storage.allocate(x.shape);
    c.k.leakyReluBackward(c.storage.ptr(x), c.storage.ptr(dy), c.storage.ptr(dx), x.size, kind === 'relu' ? 0 : alpha);
    return dx;
  },
};
