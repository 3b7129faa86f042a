/** tiledConv2d: t×t kernel sets, the set used at output (i, j) being (i mod t_h, j mod t_w). */
import { z } from 'zod';
import type { NodeDescriptor } from './descriptor';
import { CONV_FIELDS_AFTER, CONV_FIELDS_BEFORE, convFamily } from './convFamily';
import { convParams, nodeOf, SizePairSchema } from './paramSchemas';
import { kernelSetConvolution } from '../export/onnx/mappings';
import { resolveConv, toPair } from '../shapes/params';

export const TiledConv2dNodeSchema = nodeOf(
  'tiledConv2d',
  z.strictObject({
    ...convParams,
    /** Kernel sets per axis; the set used at output (i, j) is (i mod tilesH, j mod tilesW). */
    tiles: SizePairSchema,
  }),
);

export const tiledConv2d: NodeDescriptor<typeof TiledConv2dNodeSchema> = {
  ...convFamily,
  schema: TiledConv2dNodeSchema,
  newParams: { filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', useBias: true, tiles: [2, 2] },
  fields: [...CONV_FIELDS_BEFORE, { kind: 'pair', key: 'tiles' }, ...CONV_FIELDS_AFTER],
  onnx: (node, context) => kernelSetConvolution(context, resolveConv(node), toPair(node.params.tiles)),
};
