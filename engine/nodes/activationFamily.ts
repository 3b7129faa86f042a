/** What relu, leakyRelu, sigmoid and tanh share: one input, the same output shape, one layer. */
import type { ActivationKind } from '../backend/backend';
import type { NodeOfType } from '../graph/schema';
import { createActivationLayer } from '../network/layers/simpleLayers';
import { ok } from '../shapes/layerInfo';
import { sizeOf } from '../shapes/shape';
import type { InferContext } from '../shapes/layerInfo';

/** The family's pieces, with the multiplies and adds per input value. */
export function activationFamily(flopsPerValue: number) {
  return {
    arity: { min: 1, max: 1 },
    paletteGroup: 'Activations' as const,
    family: 'activation' as const,
    infer: (_node: unknown, { input }: InferContext) => ok({ outputShape: input, flops: flopsPerValue * sizeOf(input) }),
    createLayer: (node: NodeOfType<ActivationKind>) => createActivationLayer(node),
  };
}
