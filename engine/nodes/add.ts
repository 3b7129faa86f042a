/** add: the elementwise sum of two or more inputs of one shape (a residual connection). */
import { createAddLayer } from '../network/layers/simpleLayers';
import { inferAdd } from '../shapes/layerInference';
import type { NodeDescriptor } from './descriptor';
import { noParams, nodeOf } from './paramSchemas';

export const AddNodeSchema = nodeOf('add', noParams);

export const add: NodeDescriptor<typeof AddNodeSchema> = {
  schema: AddNodeSchema,
  arity: { min: 2, max: Infinity },
  paletteGroup: 'Structure',
  newParams: undefined,
  fields: [],
  infer: (_node, context) => inferAdd(context),
  createLayer: (node) => createAddLayer(node),
  onnx: (_node, { graph, inputs }) => graph.op(inputs.length === 2 ? 'Add' : 'Sum', inputs),
};
