/** conv2d: one kernel set shared by every output position; its taps may be spread apart (dilation). */
import { z } from 'zod';
import type { NodeDescriptor } from './descriptor';
import { CONV_FIELDS_AFTER, CONV_FIELDS_BEFORE, convFamily } from './convFamily';
import { convParams, nodeOf, SizePairSchema } from './paramSchemas';
import { convolution } from '../export/onnx/mappings';
import { resolveConv } from '../shapes/params';

export const Conv2dNodeSchema = nodeOf(
  'conv2d',
  z.strictObject({
    ...convParams,
    /** Spacing of the kernel's taps per axis (1: next to each other): a k-tap kernel then spans d·(k − 1) + 1 pixels. */
    dilation: SizePairSchema.optional(),
  }),
);

export const conv2d: NodeDescriptor<typeof Conv2dNodeSchema> = {
  ...convFamily,
  schema: Conv2dNodeSchema,
  newParams: { filters: 8, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', useBias: true },
  fields: [...CONV_FIELDS_BEFORE, { kind: 'pair', key: 'dilation' }, ...CONV_FIELDS_AFTER],
  onnx(node, context) {
    const conv = resolveConv(node);
    return convolution(context, conv.kernel, conv.strides, conv.padding, conv.dilation, conv.useBias);
  },
};
