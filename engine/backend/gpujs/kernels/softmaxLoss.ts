/** Softmax as a kernel; the loss in JavaScript on the downloaded probabilities (a metric), its gradient as a kernel. */
import { meanCrossEntropy } from '../../crossEntropy';
import type { KernelsFor } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import * as scalar from '../sources/scalar.js';

export const softmaxLossKernels: KernelsFor<GpujsContext, 'softmax' | 'crossEntropy' | 'softmaxCrossEntropyBackward'> = {
  softmax(c, logits) {
    const [rows = 0, cols = 0] = logits.shape;
    return c.kernels.map('softmax', scalar.softmax, [rows, cols], { cols }, logits);
  },
  crossEntropy: (c, probs, labels) => meanCrossEntropy(c.storage.download(probs), probs.shape[0] ?? 0, probs.shape[1] ?? 0, labels),
  softmaxCrossEntropyBackward(c, probs, labels) {
    const [rows = 0, cols = 0] = probs.shape;
    const labelTensor = c.storage.own([rows], Float32Array.from(labels));
    const out = c.kernels.map('softmaxCrossEntropyBackward', scalar.softmaxCrossEntropyBackward, probs.shape, { rows, cols }, probs, labelTensor);
    c.storage.dispose(labelTensor);
    return out;
  },
};
