/**
 * globalAvgPool2d: each channel's mean over the whole picture, C×H×W → C (as
 * Keras's GlobalAveragePooling2D; PyTorch's AdaptiveAvgPool2d(1) then a
 * flatten). With as many filters as classes before it, it replaces the dense
 * layer of a classifier. The layer is average pooling with the window the
 * size of its input, so every backend's avgPool kernels run it.
 */
import type { Tensor } from '../backend/backend';
import { windowInfo, type PoolInfo } from '../backend/convInfo';
import { ok } from '../shapes/layerInfo';
import { describeShape, isImage } from '../shapes/shape';
import type { NodeDescriptor } from './descriptor';
import { noParams, nodeOf } from './paramSchemas';
import { firstInput } from '../export/onnx/mappings';

export const GlobalAvgPool2dNodeSchema = nodeOf('globalAvgPool2d', noParams);

export const globalAvgPool2d: NodeDescriptor<typeof GlobalAvgPool2dNodeSchema> = {
  schema: GlobalAvgPool2dNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Pooling',
  newParams: undefined,
  fields: [],
  infer(_node, { input, fail }) {
    if (!isImage(input)) return fail('needs-image', `globalAvgPool2d needs a channels×height×width image, but its input is a flat vector of ${describeShape(input)} values`);
    const [channels, height, width] = input;
    // Per channel: H·W - 1 adds and one divide.
    return ok({ outputShape: [channels], flops: channels * height * width, notes: [`averages each of the ${channels} channels over its ${height}×${width} values`] });
  },
  createLayer(node) {
    let info: PoolInfo | undefined;
    return {
      id: node.id,
      params: [],
      forward([x], { backend }) {
        if (!x) throw new Error(`${node.id}: no input`);
        const [batch = 0, channels = 0, height = 0, width = 0] = x.shape;
        info = windowInfo(x.shape, [height, width], [height, width], 'valid');
        const pooled = backend.avgPool(x, info);
        const y = backend.reshape(pooled, [batch, channels]);
        backend.dispose(pooled);
        return y;
      },
      backward(dy, backend) {
        if (!info) throw new Error(`${node.id}: backward before forward`);
        const dy4: Tensor = backend.reshape(dy, [info.batch, info.inC, 1, 1]);
        const dx = backend.avgPoolBackward(dy4, info);
        backend.dispose(dy4);
        return [dx];
      },
    };
  },
  onnx: (_node, context) => context.graph.op('Flatten', [context.graph.op('GlobalAveragePool', [firstInput(context)])], { axis: 1 }),
};
