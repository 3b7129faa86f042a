/** A bias per channel or per value of a sample, and its gradient. */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as lanes from '../sources/lanes.js';
import * as scalar from '../sources/scalar.js';

export const biasKernels: KernelsFor<GpujsContext, 'addBias' | 'biasGradient'> = {
  addBias(c, y, b) {
    const batch = y.shape[0] ?? 1;
    const perSample = y.size / batch;
    const positions = perSample / b.size;
    if (c.alongRows(positions)) return c.kernels.mapShaped('addBiasLanes', lanes.addBiasLanes, y.shape, { output: [positions, b.size, batch] }, { positions, channels: b.size }, y, b);
    return c.kernels.map('addBias', scalar.addBias, y.shape, { perSample, positions }, y, b);
  },
  biasGradient(c, dy, biasShape) {
    const batch = dy.shape[0] ?? 1;
    const perSample = dy.size / batch;
    const size = biasShape.reduce((a, b) => a * b, 1);
    return c.kernels.map('biasGradient', scalar.biasGradient, biasShape, { batch, perSample, positions: perSample / size }, dy);
  },
};
