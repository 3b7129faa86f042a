/** input: where the network's images (or flat vectors) come in; the network feeds it, so it has no layer. */
import { z } from 'zod';
import { ok } from '../shapes/layerInfo';
import type { NodeDescriptor } from './descriptor';
import { nodeOf, positiveInt } from './paramSchemas';
import { firstInput } from '../export/onnx/mappings';

export const InputNodeSchema = nodeOf(
  'input',
  z.strictObject({
    /** `[channels, height, width]` for images, or `[features]` for a flat vector. */
    shape: z.union([z.tuple([positiveInt, positiveInt, positiveInt]), z.tuple([positiveInt])]),
  }),
);

export const input: NodeDescriptor<typeof InputNodeSchema> = {
  schema: InputNodeSchema,
  arity: { min: 0, max: 0 },
  paletteGroup: 'Input',
  newParams: { shape: [1, 28, 28] },
  fields: [{ kind: 'shape' }],
  infer: (node) => ok({ outputShape: node.params.shape }),
  createLayer: null,
  // The exporter makes the graph's input and hands it over as this node's input.
  onnx: (_node, context) => firstInput(context),
};
