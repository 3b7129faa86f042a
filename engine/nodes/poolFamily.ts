/** What maxPool2d and avgPool2d share: one input, a window (2×2 by default), one layer. */
import { createPoolLayer } from '../network/layers/poolLayer';
import { inferPool, type PoolNode } from '../shapes/layerInference';
import { resolvePool } from '../shapes/params';
import type { InferContext } from '../shapes/layerInfo';
import type { FieldSpec, WindowParams } from './descriptor';

export const poolFamily = {
  arity: { min: 1, max: 1 },
  paletteGroup: 'Pooling' as const,
  newParams: { poolSize: [2, 2] as [number, number], strides: [2, 2] as [number, number], padding: 'valid' as const },
  fields: [{ kind: 'window' }] as readonly FieldSpec[],
  infer: (node: PoolNode, context: InferContext) => inferPool(node, context),
  createLayer: (node: PoolNode) => createPoolLayer(node),
  window(node: PoolNode): WindowParams {
    const pool = resolvePool(node);
    return { windowKey: 'poolSize', window: [...pool.window], strides: [...pool.strides], padding: pool.padding };
  },
};
