/** relu: max(0, x). */
import type { NodeDescriptor } from './descriptor';
import { activationFamily } from './activationFamily';
import { unary } from '../export/onnx/mappings';
import { noParams, nodeOf } from './paramSchemas';

export const ReluNodeSchema = nodeOf('relu', noParams);

export const relu: NodeDescriptor<typeof ReluNodeSchema> = { ...activationFamily(0), schema: ReluNodeSchema, newParams: undefined, fields: [], onnx: unary('Relu') };
