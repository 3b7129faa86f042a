/** avgPool2d: the mean of each window. */
import type { NodeDescriptor } from './descriptor';
import { poolFamily } from './poolFamily';
import { nodeOf, poolParams } from './paramSchemas';

export const AvgPool2dNodeSchema = nodeOf('avgPool2d', poolParams.optional());

export const avgPool2d: NodeDescriptor<typeof AvgPool2dNodeSchema> = { ...poolFamily, schema: AvgPool2dNodeSchema };
