/** locallyConnected2d: a kernel set of its own at every output position (no weight sharing). */
import { z } from 'zod';
import type { NodeDescriptor } from './descriptor';
import { CONV_FIELDS_AFTER, CONV_FIELDS_BEFORE, convFamily } from './convFamily';
import { convParams, nodeOf } from './paramSchemas';
import { kernelSetConvolution } from '../export/onnx/mappings';
import { resolveConv } from '../shapes/params';

export const LocallyConnected2dNodeSchema = nodeOf('locallyConnected2d', z.strictObject(convParams));

export const locallyConnected2d: NodeDescriptor<typeof LocallyConnected2dNodeSchema> = {
  ...convFamily,
  schema: LocallyConnected2dNodeSchema,
  newParams: { filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', useBias: true },
  fields: [...CONV_FIELDS_BEFORE, ...CONV_FIELDS_AFTER],
  onnx: (node, context) => kernelSetConvolution(context, resolveConv(node), 'local'),
};
