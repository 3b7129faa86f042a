/** avgPool2d: the mean of each window. */
import type { NodeDescriptor } from './descriptor';
import { poolFamily } from './poolFamily';
import { nodeOf, poolParams } from './paramSchemas';
import { averagePooling } from '../export/onnx/mappings';
import { resolvePool } from '../shapes/params';

export const AvgPool2dNodeSchema = nodeOf('avgPool2d', poolParams.optional());

export const avgPool2d: NodeDescriptor<typeof AvgPool2dNodeSchema> = {
  ...poolFamily,
  schema: AvgPool2dNodeSchema,
  onnx(node, context) {
    const pool = resolvePool(node);
    return averagePooling(context, pool.window, pool.strides, pool.padding);
  },
};
