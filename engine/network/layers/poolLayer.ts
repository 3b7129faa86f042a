/** Max and average pooling. */
import type { Tensor } from '../../backend/backend';
import { windowInfo, type PoolInfo } from '../../backend/convInfo';
import type { NodeOfType } from '../../graph/schema';
import { resolvePool } from '../../shapes/params';
import type { Layer } from '../layer';

export function createPoolLayer(node: NodeOfType<'maxPool2d'> | NodeOfType<'avgPool2d'>): Layer {
  const pool = resolvePool(node);
  let saved: { info: PoolInfo; argmax?: Tensor } | undefined;
  return {
    id: node.id,
    params: [],
    forward([x], { backend, keep }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const info = windowInfo(x.shape, pool.window, pool.strides, pool.padding);
      if (node.type === 'avgPool2d') {
        saved = { info };
        return backend.avgPool(x, info);
      }
      const { y, argmax } = backend.maxPool(x, info);
      saved = { info, argmax: keep(argmax) };
      return y;
    },
    backward(dy, backend) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      return [saved.argmax ? backend.maxPoolBackward(dy, saved.argmax, saved.info) : backend.avgPoolBackward(dy, saved.info)];
    },
  };
}
