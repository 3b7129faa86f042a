/**
 * Convolution and its gradients as SIMD products with one sample's unrolled
 * windows at a time (small enough to stay in cache), split over helper
 * threads by samples where there are some (../wasmThreads.ts); kernel sets
 * (tiled or locally connected layers) run on the CPU reference's direct loops.
 */
import type { ConvInfo } from '../../convInfo';
import { isShared } from '../../cpu/conv';
import type { KernelsFor } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';

function setWindow(c: WasmContext, info: ConvInfo): number {
  c.k.setWindow(info.inC, info.inH, info.inW, info.outH, info.outW, info.kH, info.kW, info.strideH, info.strideW, info.padTop, info.padLeft);
  // One sample's windows: rows (ic, ky, kx) × positions.
  return c.storage.scratch(info.inC * info.kH * info.kW * info.outH * info.outW);
}

const direct = {
  conv2d: viaCpu('conv2d'),
  conv2dBackwardInput: viaCpu('conv2dBackwardInput'),
  conv2dBackwardFilter: viaCpu('conv2dBackwardFilter'),
};

export const conv2dKernels: KernelsFor<WasmContext, 'conv2d' | 'conv2dBackwardInput' | 'conv2dBackwardFilter'> = {
  conv2d(c, x, w, info) {
    if (!isShared(info)) return direct.conv2d(c, x, w, info);
    const y = c.storage.allocate([info.batch, info.outC, info.outH, info.outW]);
    if (c.parallel?.conv('forward', c.storage.ptr(x), c.storage.ptr(w), c.storage.ptr(y), info)) return y;
    const windows = setWindow(c, info);
    c.k.convForward(c.storage.ptr(x), c.storage.ptr(w), c.storage.ptr(y), windows, info.batch, info.outC);
    c.storage.free(windows);
    return y;
  },
  conv2dBackwardInput(c, dy, w, info) {
    if (!isShared(info)) return direct.conv2dBackwardInput(c, dy, w, info);
    const dx = c.storage.allocate([info.batch, info.inC, info.inH, info.inW]);
    if (c.parallel?.conv('input', c.storage.ptr(dy), c.storage.ptr(w), c.storage.ptr(dx), info)) return dx;
    const windows = setWindow(c, info);
    c.k.convInputGradient(c.storage.ptr(dy), c.storage.ptr(w), c.storage.ptr(dx), windows, info.batch, info.outC);
    c.storage.free(windows);
    return dx;
  },
  conv2dBackwardFilter(c, x, dy, info) {
    if (!isShared(info)) return direct.conv2dBackwardFilter(c, x, dy, info);
    const dw = c.storage.allocate([info.outC, info.inC, info.kH, info.kW]);
    if (c.parallel?.conv('filter', c.storage.ptr(x), c.storage.ptr(dy), c.storage.ptr(dw), info)) return dw;
    const windows = setWindow(c, info);
    c.k.convFilterGradient(c.storage.ptr(x), c.storage.ptr(dy), c.storage.ptr(dw), windows, info.batch, info.outC);
    c.storage.free(windows);
    return dw;
  },
};
