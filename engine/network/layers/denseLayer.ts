/**
 * Fully connected: y = x·Wᵀ + b with W [units, inputs]. An image input is
 * flattened implicitly (a reshape, no copy), and its gradient reshaped back.
 */
import type { Tensor } from '../../backend/backend';
import type { NodeOfType } from '../../graph/schema';
import type { Layer, Parameter } from '../layer';
import { setGrad } from '../layer';

export function createDenseLayer(node: NodeOfType<'dense'>, params: Parameter[]): Layer {
  const weight = params.find((p) => p.name === 'weight') as Parameter;
  const bias = params.find((p) => p.name === 'bias');
  let saved: { flat: Tensor; inputShape: readonly number[] } | undefined;
  return {
    id: node.id,
    params,
    forward([x], { backend, keep }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const batch = x.shape[0] ?? 0;
      const flat = keep(backend.reshape(x, [batch, x.size / batch]));
      saved = { flat, inputShape: x.shape };
      const z = backend.matmul(flat, weight.value, false, true);
      if (!bias) return z;
      const y = backend.addBias(z, bias.value);
      backend.dispose(z);
      return y;
    },
    backward(dy, backend, inputGradients) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      if (bias) setGrad(bias, backend.biasGradient(dy, bias.value.shape), backend);
      setGrad(weight, backend.matmul(dy, saved.flat, true, false), backend);
      if (!inputGradients) return [];
      const dxFlat = backend.matmul(dy, weight.value, false, false);
      const dx = backend.reshape(dxFlat, saved.inputShape);
      backend.dispose(dxFlat);
      return [dx];
    },
  };
}
