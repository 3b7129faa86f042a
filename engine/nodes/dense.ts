/** dense: every output unit a weighted sum of every input value (an image input is flattened implicitly). */
import { z } from 'zod';
import { createDenseLayer } from '../network/layers/denseLayer';
import { inferDense } from '../shapes/layerInference';
import type { NodeDescriptor } from './descriptor';
import { nodeOf, positiveInt } from './paramSchemas';

export const DenseNodeSchema = nodeOf(
  'dense',
  z.strictObject({
    units: positiveInt,
    useBias: z.boolean().optional(),
    trainable: z.boolean().optional(),
  }),
);

export const dense: NodeDescriptor<typeof DenseNodeSchema> = {
  schema: DenseNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Dense',
  newParams: { units: 10, useBias: true },
  fields: [
    { kind: 'integer', key: 'units' },
    { kind: 'check', key: 'useBias', hint: 'add a learned bias per unit' },
    { kind: 'check', key: 'trainable', hint: 'off: training keeps the weights fixed' },
  ],
  infer: (node, context) => inferDense(node, context),
  createLayer: (node, { parameters }) => createDenseLayer(node, parameters('glorotUniform', node.params.trainable ?? true)),
};
