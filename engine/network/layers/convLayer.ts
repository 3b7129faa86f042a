/**
 * conv2d, locallyConnected2d and tiledConv2d are one computation with a
 * different amount of weight sharing: one kernel set everywhere, one per
 * output position, or t×t sets cycled through space. The backend's kernel-set
 * convolution runs all three; only the weight shape and the bias differ.
 */
import type { Backend, Tensor } from '../../backend/backend';
import { convInfo, type ConvInfo } from '../../backend/convInfo';
import type { NodeOfType } from '../../graph/schema';
import { resolveConv, toPair } from '../../shapes/params';
import type { LayerInfo } from '../../shapes/infer';
import type { Layer, Parameter } from '../layer';
import { setGrad } from '../layer';

type ConvLikeNode = NodeOfType<'conv2d'> | NodeOfType<'locallyConnected2d'> | NodeOfType<'tiledConv2d'>;

export function createConvLayer(node: ConvLikeNode, info: LayerInfo, params: Parameter[]): Layer {
  const conv = resolveConv(node);
  const tiles = node.type === 'conv2d' ? ([1, 1] as const) : node.type === 'tiledConv2d' ? toPair(node.params.tiles) : ('local' as const);
  const weight = params.find((p) => p.name === 'weight') as Parameter;
  const bias = params.find((p) => p.name === 'bias');
  const biasShape = info.weightShapes['bias']?.shape ?? [];
  let saved: { x: Tensor; info: ConvInfo } | undefined;

  return {
    id: node.id,
    params,
    forward([x], { backend }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const ci = convInfo(x.shape, conv.filters, conv.kernel, conv.strides, conv.padding, tiles);
      saved = { x, info: ci };
      const z = backend.conv2d(x, weight.value, ci);
      if (!bias) return z;
      const y = backend.addBias(z, bias.value);
      backend.dispose(z);
      return y;
    },
    backward(dy, backend: Backend, inputGradients) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      const { x, info: ci } = saved;
      if (bias) setGrad(bias, backend.biasGradient(dy, biasShape), backend);
      const dwFlat = backend.conv2dBackwardFilter(x, dy, ci);
      setGrad(weight, backend.reshape(dwFlat, weight.value.shape), backend);
      backend.dispose(dwFlat);
      return inputGradients ? [backend.conv2dBackwardInput(dy, weight.value, ci)] : [];
    },
  };
}
