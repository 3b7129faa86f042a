/** Joining tensors along axis 1 (pair by pair) and splitting them again. */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as scalar from '../sources/scalar.js';

export const channelKernels: KernelsFor<GpujsContext, 'concat' | 'split'> = {
  concat(c, xs) {
    const [first, ...rest] = xs;
    if (!first) throw new Error('concat of nothing');
    const [batch = 0, , ...spatial] = first.shape;
    const inner = spatial.reduce((a, b) => a * b, 1);
    let joined = c.storage.share(first, first.shape);
    for (const next of rest) {
      const channelsA = joined.shape[1] ?? 0;
      const channelsB = next.shape[1] ?? 0;
      const merged = c.kernels.map('concat', scalar.concatPair, [batch, channelsA + channelsB, ...spatial], { channelsA, channelsB, inner }, joined, next);
      c.storage.dispose(joined);
      joined = merged;
    }
    return joined;
  },
  split(c, x, sizes) {
    const [batch = 0, total = 0, ...spatial] = x.shape;
    const inner = spatial.reduce((a, b) => a * b, 1);
    let start = 0;
    return sizes.map((count) => {
      const part = c.kernels.map('split', scalar.sliceChannels, [batch, count, ...spatial], { count, total, start, inner }, x);
      start += count;
      return part;
    });
  },
};
