/** tanh: (e^2x - 1) / (e^2x + 1), a multiply, two adds and a divide per value. */
import type { NodeDescriptor } from './descriptor';
import { activationFamily } from './activationFamily';
import { unary } from '../export/onnx/mappings';
import { noParams, nodeOf } from './paramSchemas';

export const TanhNodeSchema = nodeOf('tanh', noParams);

export const tanh: NodeDescriptor<typeof TanhNodeSchema> = { ...activationFamily(4), schema: TanhNodeSchema, newParams: undefined, fields: [], onnx: unary('Tanh') };
