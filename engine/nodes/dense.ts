/** dense: every output unit a weighted sum of every input value (an image input is flattened implicitly). */
import { z } from 'zod';
import { createDenseLayer } from '../network/layers/denseLayer';
import { inferDense } from '../shapes/layerInference';
import type { NodeDescriptor } from './descriptor';
import { nodeOf, positiveInt } from './paramSchemas';
import { firstInput, weightOf } from '../export/onnx/mappings';

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
  onnx(node, context) {
    const { graph } = context;
    // An image input is flattened, as the engine does implicitly.
    const x = (context.inputShapes[0]?.length ?? 1) > 1 ? graph.op('Flatten', [firstInput(context)], { axis: 1 }) : firstInput(context);
    const [units = 0, inputs = 0] = context.info.weightShapes['weight']?.shape ?? [];
    const weight = graph.floats(`${graph.owner}.weight`, [units, inputs], weightOf(context, 'weight'));
    const bias = (node.params.useBias ?? true) ? [graph.floats(`${graph.owner}.bias`, [units], weightOf(context, 'bias'))] : [];
    return graph.op('Gemm', [x, weight, ...bias], { transB: 1 });
  },
};
