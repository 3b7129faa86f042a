/**
 * Convolution with kernel sets and its gradients. One shared set runs as
 * products with unrolled windows (packed 4 channels per cell on webasm);
 * kernel sets, or windows too many to hold, run directly.
 */
import type { ConvInfo } from '../../convInfo';
import type { KernelsFor } from '../../kernelTable';
import { isShared, type GpujsContext } from '../gpujsContext';
import type { DirectConvConstants } from '../kernelConstants';
import * as lanes from '../sources/lanes.js';
import * as scalar from '../sources/scalar.js';
import { sharedConstants } from '../unrolledWindows';

const directConstants = (info: ConvInfo): DirectConvConstants => ({ ...info, rowsPerSet: Math.ceil(info.outH / info.tilesH), colsPerSet: Math.ceil(info.outW / info.tilesW) });

export const conv2dKernels: KernelsFor<GpujsContext, 'conv2d' | 'conv2dBackwardInput' | 'conv2dBackwardFilter'> = {
  conv2d(c, x, w, info) {
    const shape = [info.batch, info.outC, info.outH, info.outW];
    if (!isShared(info)) return c.kernels.map('conv2d', scalar.convForward, shape, directConstants(info), x, w);
    const windows = c.windows.of(x, info);
    const constants = sharedConstants(info);
    let y;
    if (c.lanes) {
      const positions = info.outH * info.outW;
      const blocks = Math.ceil(info.outC / 4);
      const packed = c.kernels.mapShaped('convPacked', lanes.convPacked, [info.batch, blocks, positions, 4], { output: [positions, blocks, info.batch], work: 4 * constants.rows }, constants, windows, w);
      y = c.unpack(packed, shape, positions, info.outC, info.batch);
    } else {
      y = c.kernels.map('convFromWindows', scalar.convFromWindows, shape, constants, windows, w);
    }
    c.storage.dispose(windows);
    return y;
  },
  conv2dBackwardInput(c, dy, w, info) {
    const inputShape = [info.batch, info.inC, info.inH, info.inW];
    if (!isShared(info)) return c.kernels.map('conv2dBackwardInput', scalar.convBackwardInput, inputShape, directConstants(info), dy, w);
    const constants = sharedConstants(info);
    if (c.lanes) {
      const positions = info.outH * info.outW;
      const blocks = Math.ceil(constants.rows / 4);
      const dWindows = c.kernels.mapShaped('windowsGradientPacked', lanes.windowsGradientPacked, [info.batch, blocks, positions, 4], { output: [positions, blocks, info.batch], work: 4 * info.outC }, constants, dy, w);
      const dx = c.kernels.mapShaped('col2imPacked', lanes.col2imPacked, inputShape, { output: [info.inW, info.inH, info.batch * info.inC], work: info.kH * info.kW }, { ...constants, blocks }, dWindows);
      c.storage.dispose(dWindows);
      return dx;
    }
    const dWindows = c.kernels.map('windowsGradient', scalar.windowsGradient, [info.batch * info.outH * info.outW, constants.rows], constants, dy, w);
    const dx = c.kernels.map('col2im', scalar.col2im, inputShape, constants, dWindows);
    c.storage.dispose(dWindows);
    return dx;
  },
  conv2dBackwardFilter(c, x, dy, info) {
    const shape = [info.tilesH * info.tilesW * info.outC, info.inC, info.kH, info.kW];
    if (!isShared(info)) return c.kernels.map('conv2dBackwardFilter', scalar.convBackwardFilter, shape, directConstants(info), x, dy);
    const windows = c.windows.of(x, info);
    const constants = sharedConstants(info);
    let dw;
    if (c.lanes) {
      const blocks = Math.ceil(info.outC / 4);
      const packed = c.kernels.mapShaped('filterPacked', lanes.filterPacked, [blocks, constants.rows, 4], { output: [constants.rows, blocks], work: 4 * info.batch * info.outH * info.outW }, constants, windows, dy);
      dw = c.unpack(packed, shape, constants.rows, info.outC, 1);
    } else {
      dw = c.kernels.map('filterFromWindows', scalar.filterFromWindows, shape, constants, windows, dy);
    }
    c.storage.dispose(windows);
    return dw;
  },
};
