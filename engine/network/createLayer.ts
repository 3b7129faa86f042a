/** Turns one graph node into a layer (its descriptor's factory), with its parameters from the document or freshly initialized. */
import type { Backend } from '../backend/backend';
import { decodeTensorData } from '../graph/tensorData';
import type { GraphDocument, GraphNode } from '../graph/schema';
import type { Initializer } from '../nodes/descriptor';
import { descriptorOf } from '../nodes/registry';
import type { LayerInfo } from '../shapes/infer';
import { sizeOf } from '../shapes/shape';
import { glorotUniform, heNormal } from './initialize';
import type { Layer, Parameter } from './layer';
import type { Random } from './random';

/** The node's layer; undefined for the input, which the network feeds itself. */
export function createLayer(node: GraphNode, info: LayerInfo, doc: GraphDocument, backend: Backend, random: Random): Layer | undefined {
  const create = descriptorOf(node).createLayer;
  if (!create) return undefined;
  return create(node, { info, parameters: (initializer, trainable) => createParameters(node, info, doc, backend, random, initializer, trainable) });
}

/**
 * Stored weights win; missing ones start where their spec says, biases at
 * zero, the rest drawn with the node type's initializer. Draws happen in
 * document order, so a seed always gives the same network.
 */
function createParameters(node: GraphNode, info: LayerInfo, doc: GraphDocument, backend: Backend, random: Random, initializer: Initializer, trainable: boolean): Parameter[] {
  return Object.entries(info.weightShapes).map(([name, spec]) => {
    const stored = doc.weights?.[node.id]?.[name];
    const decoded = stored ? decodeTensorData(stored.data) : undefined;
    let values: ArrayLike<number>;
    if (decoded?.ok) values = decoded.values;
    else if (spec.startsAt !== undefined || name === 'bias') values = new Float32Array(sizeOf(spec.shape)).fill(spec.startsAt ?? 0);
    else values = initialWeights(initializer, spec.shape, random);
    return { name, value: backend.tensor(spec.shape, values), trainable: trainable && spec.trainable !== false };
  });
}

function initialWeights(initializer: Initializer, shape: readonly number[], random: Random): Float32Array {
  const count = sizeOf(shape);
  if (initializer === 'glorotUniform') {
    // A dense weight is [units, inputs].
    const [units = 1, inputs = 1] = shape;
    return glorotUniform(count, inputs, units, random);
  }
  // The last three axes of every convolution weight are [inC, kH, kW].
  const fanIn = shape.slice(-3).reduce((a, b) => a * b, 1);
  return heNormal(count, fanIn, random);
}
