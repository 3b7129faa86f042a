/** SGD and Adam in place, one pass over the values, with the shared per-element math (../../optimizerMath.js). */
import type { KernelsFor } from '../../kernelTable';
import { adamFirstMoment, adamParameter, adamSecondMoment, sgdParameter, sgdVelocity } from '../../optimizerMath.js';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const optimizerKernels: KernelsFor<CpuContext, 'sgdUpdate' | 'adamUpdate'> = {
  sgdUpdate(_c, param, grad, velocity, s) {
    const p = valuesOf(param);
    const g = valuesOf(grad);
    const v = valuesOf(velocity);
    const nesterov = s.nesterov ? 1 : 0;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      const vi = sgdVelocity(v[i] as number, gi, p[i] as number, s.momentum, s.weightDecay);
      v[i] = vi;
      p[i] = sgdParameter(p[i] as number, gi, vi, s.learningRate, s.momentum, s.weightDecay, nesterov);
    }
  },
  adamUpdate(_c, param, grad, m, v, s) {
    const p = valuesOf(param);
    const g = valuesOf(grad);
    const mv = valuesOf(m);
    const vv = valuesOf(v);
    const correction1 = 1 - s.beta1 ** s.step;
    const correction2 = 1 - s.beta2 ** s.step;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      const pi = p[i] as number;
      const mi = adamFirstMoment(mv[i] as number, gi, pi, s.beta1, s.weightDecay);
      const vi = adamSecondMoment(vv[i] as number, gi, pi, s.beta2, s.weightDecay);
      mv[i] = mi;
      vv[i] = vi;
      p[i] = adamParameter(pi, mi, vi, s.learningRate, correction1, correction2, s.epsilon);
    }
  },
};
