/** concat: two or more inputs joined along the channels (or end to end, for vectors), in port order. */
import { createConcatLayer } from '../network/layers/simpleLayers';
import { inferConcat } from '../shapes/layerInference';
import type { NodeDescriptor } from './descriptor';
import { noParams, nodeOf } from './paramSchemas';

export const ConcatNodeSchema = nodeOf('concat', noParams);

export const concat: NodeDescriptor<typeof ConcatNodeSchema> = {
  schema: ConcatNodeSchema,
  arity: { min: 2, max: Infinity },
  paletteGroup: 'Structure',
  newParams: undefined,
  fields: [],
  infer: (_node, context) => inferConcat(context),
  createLayer: (node) => createConcatLayer(node),
  onnx: (_node, { graph, inputs }) => graph.op('Concat', inputs, { axis: 1 }),
};
