/** maxPool2d: the largest value in each window. */
import type { NodeDescriptor } from './descriptor';
import { poolFamily } from './poolFamily';
import { nodeOf, poolParams } from './paramSchemas';
import { maxPooling } from '../export/onnx/mappings';
import { resolvePool } from '../shapes/params';

export const MaxPool2dNodeSchema = nodeOf('maxPool2d', poolParams.optional());

export const maxPool2d: NodeDescriptor<typeof MaxPool2dNodeSchema> = {
  ...poolFamily,
  schema: MaxPool2dNodeSchema,
  onnx(node, context) {
    const pool = resolvePool(node);
    return maxPooling(context, pool.window, pool.strides, pool.padding);
  },
};
