/** Layers without parameters: activations, dropout, flatten, add, concat, softmax. */
import type { ActivationKind, Tensor } from '../../backend/backend';
import type { GraphNode, NodeOfType } from '../../graph/schema';
import { resolveLeakyAlpha } from '../../shapes/params';
import type { Layer } from '../layer';

export function createActivationLayer(node: NodeOfType<ActivationKind>): Layer {
  const alpha = node.type === 'leakyRelu' ? resolveLeakyAlpha(node) : 0;
  let saved: { x: Tensor; y: Tensor } | undefined;
  return {
    id: node.id,
    params: [],
    forward([x], { backend }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const y = backend.activation(node.type, x, alpha);
      saved = { x, y };
      return y;
    },
    backward(dy, backend) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      return [backend.activationBackward(node.type, saved.x, saved.y, dy, alpha)];
    },
  };
}

/** Inverted dropout: keeps each value with probability 1 - rate and scales it by 1 / (1 - rate); identity at evaluation. */
export function createDropoutLayer(node: NodeOfType<'dropout'>): Layer {
  const keep = 1 - node.params.rate;
  let mask: Tensor | undefined;
  return {
    id: node.id,
    params: [],
    forward([x], { backend, training, random, keep: keepForBackward }) {
      if (!x) throw new Error(`${node.id}: no input`);
      mask = undefined;
      if (!training || node.params.rate === 0) return backend.reshape(x, x.shape);
      const values = new Float32Array(x.size);
      for (let i = 0; i < values.length; i++) values[i] = random.next() < keep ? 1 / keep : 0;
      mask = keepForBackward(backend.tensor(x.shape, values));
      return backend.multiply(x, mask);
    },
    backward(dy, backend) {
      return [mask ? backend.multiply(dy, mask) : backend.reshape(dy, dy.shape)];
    },
  };
}

export function createFlattenLayer(node: GraphNode): Layer {
  let inputShape: readonly number[] = [];
  return {
    id: node.id,
    params: [],
    forward([x], { backend }) {
      if (!x) throw new Error(`${node.id}: no input`);
      inputShape = x.shape;
      const batch = x.shape[0] ?? 0;
      return backend.reshape(x, [batch, x.size / batch]);
    },
    backward: (dy, backend) => [backend.reshape(dy, inputShape)],
  };
}

export function createAddLayer(node: GraphNode): Layer {
  let inputs = 0;
  return {
    id: node.id,
    params: [],
    forward(xs, { backend }) {
      inputs = xs.length;
      let sum = backend.add(xs[0] as Tensor, xs[1] as Tensor);
      for (const x of xs.slice(2)) {
        const next = backend.add(sum, x);
        backend.dispose(sum);
        sum = next;
      }
      return sum;
    },
    // The sum passes its gradient unchanged to every input.
    backward: (dy, backend) => Array.from({ length: inputs }, () => backend.reshape(dy, dy.shape)),
  };
}

export function createConcatLayer(node: GraphNode): Layer {
  let channels: number[] = [];
  return {
    id: node.id,
    params: [],
    forward(xs, { backend }) {
      channels = xs.map((x) => x.shape[1] ?? 0);
      return backend.concat(xs);
    },
    backward: (dy, backend) => backend.split(dy, channels),
  };
}

/**
 * The output's probabilities. Training never backpropagates through softmax
 * alone: the loss gradient (p - onehot) / N is taken with respect to its input.
 */
export function createSoftmaxLayer(node: GraphNode): Layer {
  return {
    id: node.id,
    params: [],
    forward([x], { backend }) {
      if (!x) throw new Error(`${node.id}: no input`);
      return backend.softmax(x);
    },
    backward() {
      throw new Error('softmax is differentiated together with the cross-entropy loss');
    },
  };
}
