/** sigmoid: 1 / (1 + e^-x), an add and a divide per value. */
import type { NodeDescriptor } from './descriptor';
import { activationFamily } from './activationFamily';
import { unary } from '../export/onnx/mappings';
import { noParams, nodeOf } from './paramSchemas';

export const SigmoidNodeSchema = nodeOf('sigmoid', noParams);

export const sigmoid: NodeDescriptor<typeof SigmoidNodeSchema> = { ...activationFamily(2), schema: SigmoidNodeSchema, newParams: undefined, fields: [], onnx: unary('Sigmoid') };
