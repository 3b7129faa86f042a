/** Whole-tensor reductions, in JavaScript on the downloaded values (metrics and checks, not the training step). */
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';

export const reductionKernels: KernelsFor<GpujsContext, 'sum' | 'allFinite'> = {
  sum(c, t) {
    let total = 0;
    for (const v of c.storage.download(t)) total += v;
    return total;
  },
  allFinite(c, t) {
    for (const v of c.storage.download(t)) if (!Number.isFinite(v)) return false;
    return true;
  },
};
