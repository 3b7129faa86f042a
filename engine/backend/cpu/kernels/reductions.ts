/** Whole-tensor reductions for metrics and checks. */
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const reductionKernels: KernelsFor<CpuContext, 'sum' | 'allFinite'> = {
  sum(_c, t) {
    let total = 0;
    for (const v of valuesOf(t)) total += v;
    return total;
  },
  allFinite(_c, t) {
    for (const v of valuesOf(t)) if (!Number.isFinite(v)) return false;
    return true;
  },
};
