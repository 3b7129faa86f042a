/** flatten: an image to a vector (a reshape; no arithmetic). */
import { createFlattenLayer } from '../network/layers/simpleLayers';
import { ok } from '../shapes/layerInfo';
import { sizeOf } from '../shapes/shape';
import type { NodeDescriptor } from './descriptor';
import { noParams, nodeOf } from './paramSchemas';
import { unary } from '../export/onnx/mappings';

export const FlattenNodeSchema = nodeOf('flatten', noParams);

export const flatten: NodeDescriptor<typeof FlattenNodeSchema> = {
  schema: FlattenNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Structure',
  newParams: undefined,
  fields: [],
  infer: (_node, { input }) => ok({ outputShape: [sizeOf(input)] }),
  createLayer: (node) => createFlattenLayer(node),
  onnx: unary('Flatten', { axis: 1 }),
};
