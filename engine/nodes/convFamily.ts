/**
 * What the three convolutions share (they are one computation with more or
 * less weight sharing; see ../network/layers/convLayer.ts): inspector fields,
 * inference, the layer, and the window. Each type's own file adds its schema,
 * starting parameters and any field of its own.
 */
import { createConvLayer } from '../network/layers/convLayer';
import { inferConvLike, type ConvLikeNode } from '../shapes/layerInference';
import { resolveConv } from '../shapes/params';
import type { InferContext } from '../shapes/layerInfo';
import type { FieldSpec, LayerContext, WindowParams } from './descriptor';

export const CONV_FIELDS_BEFORE: readonly FieldSpec[] = [{ kind: 'integer', key: 'filters' }, { kind: 'window' }];
export const CONV_FIELDS_AFTER: readonly FieldSpec[] = [
  { kind: 'check', key: 'useBias', hint: 'add a learned bias per filter' },
  { kind: 'check', key: 'trainable', hint: 'off: training keeps the weights fixed' },
];

export const convFamily = {
  arity: { min: 1, max: 1 },
  paletteGroup: 'Convolution' as const,
  family: 'convolution' as const,
  infer: (node: ConvLikeNode, context: InferContext) => inferConvLike(node, context),
  createLayer: (node: ConvLikeNode, { info, parameters }: LayerContext) => createConvLayer(node, info, parameters('heNormal', node.params.trainable ?? true)),
  window(node: ConvLikeNode): WindowParams {
    const conv = resolveConv(node);
    return { windowKey: 'kernelSize', window: [...conv.kernel], strides: [...conv.strides], padding: conv.padding };
  },
};
