/** A bias per channel ([C]) or per value of a sample ([C, H, W] or [F]), and its gradient. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const biasKernels: KernelsFor<CpuContext, 'addBias' | 'biasGradient'> = {
  addBias(c, y, b) {
    const yv = valuesOf(y);
    const bv = valuesOf(b);
    const perSample = y.size / (y.shape[0] ?? 1);
    // A per-channel bias repeats over each channel's positions; a full bias only over samples.
    const positions = perSample / bv.length;
    const out = new c.make(yv.length);
    let i = 0;
    for (let n = 0; n < yv.length / perSample; n++) {
      for (let j = 0; j < bv.length; j++) {
        const bias = bv[j] as number;
        for (let p = 0; p < positions; p++, i++) out[i] = (yv[i] as number) + bias;
      }
    }
    return c.wrap(y.shape, out);
  },
  biasGradient(c, dy, biasShape) {
    const dv = valuesOf(dy);
    const size = biasShape.reduce((a, b) => a * b, 1);
    const perSample = dy.size / (dy.shape[0] ?? 1);
    const positions = perSample / size;
    const out = new c.make(size);
    let i = 0;
    for (let n = 0; n < dv.length / perSample; n++) {
      for (let j = 0; j < size; j++) {
        let sum = 0;
        for (let p = 0; p < positions; p++, i++) sum += dv[i] as number;
        out[j] = (out[j] as number) + sum;
      }
    }
    return c.wrap(biasShape, out);
  },
};
