/** softmax: class scores to probabilities; the network's output, differentiated together with the loss. */
import { createSoftmaxLayer } from '../network/layers/simpleLayers';
import { ok } from '../shapes/layerInfo';
import { describeShape, sizeOf } from '../shapes/shape';
import type { NodeDescriptor } from './descriptor';
import { noParams, nodeOf } from './paramSchemas';
import { unary } from '../export/onnx/mappings';

export const SoftmaxNodeSchema = nodeOf('softmax', noParams);

export const softmax: NodeDescriptor<typeof SoftmaxNodeSchema> = {
  schema: SoftmaxNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Output',
  newParams: undefined,
  fields: [],
  infer(_node, { input, fail }) {
    if (input.length !== 1) {
      return fail('softmax-needs-vector', `softmax needs a flat vector of class scores, but its input is ${describeShape(input)}; put a dense layer before it`);
    }
    // N exps (not counted), N - 1 adds for the sum, N divides.
    return ok({ outputShape: input, flops: 2 * sizeOf(input) - 1 });
  },
  createLayer: (node) => createSoftmaxLayer(node),
  onnx: unary('Softmax', { axis: 1 }),
};
