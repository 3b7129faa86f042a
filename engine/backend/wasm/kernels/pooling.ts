/** Max pooling in the module (argmax as int32 indices); average pooling on the CPU reference. */
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

export const poolingKernels: KernelsFor<WasmContext, 'maxPool' | 'maxPoolBackward' | 'avgPool' | 'avgPoolBackward'> = {
  maxPool(c, x, info) {
    const y = c.storage.allocate([info.batch, info.inC, info.outH, info.outW]);
    const argmax = c.storage.allocate([y.size], true);
    c.k.setWindow(info.inC, info.inH, info.inW, info.outH, info.outW, info.kH, info.kW, info.strideH, info.strideW, info.padTop, info.padLeft);
    c.k.maxPool(c.storage.ptr(x), c.storage.ptr(y), c.storage.ptr(argmax), info.batch * info.inC);
    return { y, argmax };
  },
  maxPoolBackward(c, dy, argmax, info) {
    const dx = c.storage.allocate([info.batch, info.inC, info.inH, info.inW]);
    c.k.maxPoolBackward(c.storage.ptr(dy), c.storage.ptr(argmax), c.storage.ptr(dx), dy.size, dx.size);
    return dx;
  },
  avgPool: viaCpu('avgPool'),
  avgPoolBackward: viaCpu('avgPoolBackward'),
};
