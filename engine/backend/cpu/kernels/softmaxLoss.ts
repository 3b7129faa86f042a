/** Row-wise softmax, mean cross-entropy, and the gradient of the two together. */
import { meanCrossEntropy } from '../../crossEntropy';
import type { KernelsFor } from '../../kernelTable';
import type { CpuContext } from '../cpuContext';
import { valuesOf } from '../cpuTensor';

export const softmaxLossKernels: KernelsFor<CpuContext, 'softmax' | 'crossEntropy' | 'softmaxCrossEntropyBackward'> = {
  softmax(c, logits) {
    const [rows = 0, cols = 0] = logits.shape;
    const lv = valuesOf(logits);
    const out = new c.make(lv.length);
    for (let r = 0; r < rows; r++) {
      let max = -Infinity;
      for (let col = 0; col < cols; col++) max = Math.max(max, lv[r * cols + col] as number);
      let sum = 0;
      for (let col = 0; col < cols; col++) {
        const e = Math.exp((lv[r * cols + col] as number) - max); // shifted for stability
        out[r * cols + col] = e;
        sum += e;
      }
      for (let col = 0; col < cols; col++) out[r * cols + col] = (out[r * cols + col] as number) / sum;
    }
    return c.wrap(logits.shape, out);
  },
  crossEntropy: (_c, probs, labels) => meanCrossEntropy(valuesOf(probs), probs.shape[0] ?? 0, probs.shape[1] ?? 0, labels),
  softmaxCrossEntropyBackward(c, probs, labels) {
    const [rows = 0, cols = 0] = probs.shape;
    const out = new c.make(valuesOf(probs));
    for (let r = 0; r < rows; r++) {
      const i = r * cols + (labels[r] as number);
      out[i] = (out[i] as number) - 1;
    }
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / rows;
    return c.wrap(probs.shape, out);
  },
};
