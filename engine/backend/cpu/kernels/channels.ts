/** Joining tensors along axis 1 and splitting them again. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const channelKernels: KernelsFor<CpuContext, 'concat' | 'split'> = {
  concat(c, xs) {
    const batch = xs[0]?.shape[0] ?? 0;
    const rest = xs[0]?.shape.slice(2) ?? [];
    const inner = rest.reduce((a, b) => a * b, 1);
    const channels = xs.map((x) => x.shape[1] ?? 0);
    const total = channels.reduce((a, b) => a + b, 0);
    const out = new c.make(batch * total * inner);
    for (let n = 0; n < batch; n++) {
      let offset = n * total * inner;
      xs.forEach((x, i) => {
        const block = (channels[i] ?? 0) * inner;
        out.set(valuesOf(x).subarray(n * block, (n + 1) * block), offset);
        offset += block;
      });
    }
    return c.wrap([batch, total, ...rest], out);
  },
  split(c, x, sizes) {
    const [batch = 0, total = 0, ...rest] = x.shape;
    const inner = rest.reduce((a, b) => a * b, 1);
    const xv = valuesOf(x);
    let channel = 0;
    return sizes.map((count) => {
      const out = new c.make(batch * count * inner);
      for (let n = 0; n < batch; n++) {
        const start = (n * total + channel) * inner;
        out.set(xv.subarray(start, start + count * inner), n * count * inner);
      }
      channel += count;
      return c.wrap([batch, count, ...rest], out);
    });
  },
};
