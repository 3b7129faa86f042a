/** leakyRelu: x, or alpha·x below zero (one multiply per value). */
import { z } from 'zod';
import type { NodeDescriptor } from './descriptor';
import { activationFamily } from './activationFamily';
import { nodeOf } from './paramSchemas';
import { DEFAULT_LEAKY_ALPHA, resolveLeakyAlpha } from '../shapes/params';
import { firstInput } from '../export/onnx/mappings';

export const LeakyReluNodeSchema = nodeOf('leakyRelu', z.strictObject({ alpha: z.number().min(0).max(1).optional() }).optional());

export const leakyRelu: NodeDescriptor<typeof LeakyReluNodeSchema> = {
  ...activationFamily(1),
  schema: LeakyReluNodeSchema,
  newParams: { alpha: DEFAULT_LEAKY_ALPHA },
  fields: [{ kind: 'decimal', key: 'alpha', step: 0.01, fallback: DEFAULT_LEAKY_ALPHA }],
  // Alpha always written, as a float (an integer-typed 0 or 1 would be refused).
  onnx: (node, context) => context.graph.op('LeakyRelu', [firstInput(context)], { alpha: { float: resolveLeakyAlpha(node) } }),
};
