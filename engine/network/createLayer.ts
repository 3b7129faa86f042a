/** Turns one graph node into a layer, with its parameters from the document or freshly initialized. */
import type { Backend } from '../backend/backend';
import { decodeTensorData } from '../graph/tensorData';
import type { GraphDocument, GraphNode } from '../graph/schema';
import type { LayerInfo } from '../shapes/infer';
import { sizeOf } from '../shapes/shape';
import { glorotUniform, heNormal } from './initialize';
import type { Layer, Parameter } from './layer';
import { createConvLayer } from './layers/convLayer';
import { createDenseLayer } from './layers/denseLayer';
import { createPoolLayer } from './layers/poolLayer';
import {
  createActivationLayer,
  createAddLayer,
  createConcatLayer,
  createDropoutLayer,
  createFlattenLayer,
  createSoftmaxLayer,
} from './layers/simpleLayers';
import type { Random } from './random';

export function createLayer(node: GraphNode, info: LayerInfo, doc: GraphDocument, backend: Backend, random: Random): Layer | undefined {
  switch (node.type) {
    case 'input':
      return undefined; // the network feeds the input itself
    case 'conv2d':
    case 'locallyConnected2d':
    case 'tiledConv2d':
      return createConvLayer(node, info, createParameters(node, info, doc, backend, random, node.params.trainable ?? true));
    case 'dense':
      return createDenseLayer(node, createParameters(node, info, doc, backend, random, node.params.trainable ?? true));
    case 'maxPool2d':
    case 'avgPool2d':
      return createPoolLayer(node);
    case 'relu':
    case 'leakyRelu':
    case 'sigmoid':
    case 'tanh':
      return createActivationLayer(node);
    case 'dropout':
      return createDropoutLayer(node);
    case 'flatten':
      return createFlattenLayer(node);
    case 'add':
      return createAddLayer(node);
    case 'concat':
      return createConcatLayer(node);
    case 'softmax':
      return createSoftmaxLayer(node);
  }
}

/**
 * Stored weights win; missing ones are drawn: He-normal for convolution-like
 * layers, Glorot-uniform for dense, zero biases. Draws happen in document
 * order, so a seed always gives the same network.
 */
function createParameters(node: GraphNode, info: LayerInfo, doc: GraphDocument, backend: Backend, random: Random, trainable: boolean): Parameter[] {
  return Object.entries(info.weightShapes).map(([name, spec]) => {
    const stored = doc.weights?.[node.id]?.[name];
    const decoded = stored ? decodeTensorData(stored.data) : undefined;
    let values: ArrayLike<number>;
    if (decoded?.ok) values = decoded.values;
    else if (name === 'bias') values = new Float32Array(sizeOf(spec.shape));
    else values = initialWeights(node, spec.shape, random);
    return { name, value: backend.tensor(spec.shape, values), trainable };
  });
}

function initialWeights(node: GraphNode, shape: readonly number[], random: Random): Float32Array {
  const count = sizeOf(shape);
  if (node.type === 'dense') {
    const [units = 1, inputs = 1] = shape;
    return glorotUniform(count, inputs, units, random);
  }
  // The last three axes of every convolution weight are [inC, kH, kW].
  const fanIn = shape.slice(-3).reduce((a, b) => a * b, 1);
  return heNormal(count, fanIn, random);
}
