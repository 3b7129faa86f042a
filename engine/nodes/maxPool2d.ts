/** maxPool2d: the largest value in each window. */
import type { NodeDescriptor } from './descriptor';
import { poolFamily } from './poolFamily';
import { nodeOf, poolParams } from './paramSchemas';

export const MaxPool2dNodeSchema = nodeOf('maxPool2d', poolParams.optional());

export const maxPool2d: NodeDescriptor<typeof MaxPool2dNodeSchema> = { ...poolFamily, schema: MaxPool2dNodeSchema };
