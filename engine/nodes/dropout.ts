/** dropout: zeroes each value with probability `rate` while training (scaling the rest); the identity otherwise. */
import { z } from 'zod';
import { createDropoutLayer } from '../network/layers/simpleLayers';
import { ok } from '../shapes/layerInfo';
import type { NodeDescriptor } from './descriptor';
import { nodeOf } from './paramSchemas';
import { firstInput } from '../export/onnx/mappings';

export const DropoutNodeSchema = nodeOf('dropout', z.strictObject({ rate: z.number().min(0).lt(1) }));

export const dropout: NodeDescriptor<typeof DropoutNodeSchema> = {
  schema: DropoutNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Structure',
  newParams: { rate: 0.5 },
  fields: [{ kind: 'decimal', key: 'rate', step: 0.05 }],
  infer: (_node, { input }) => ok({ outputShape: input }),
  createLayer: (node) => createDropoutLayer(node),
  // Dropout without training_mode is the identity in onnxruntime; its ratio input keeps the rate, so an import gets the node back.
  onnx: (node, context) => context.graph.op('Dropout', [firstInput(context), context.graph.floats(`${context.graph.owner}_ratio`, [], [node.params.rate])]),
};
