/**
 * A graph document made runnable on a backend: layers in topological order,
 * a forward pass that keeps every node's output (for backward and for the
 * activation view), and a backward pass that sums gradients where a node
 * feeds several others.
 */
import type { Backend, Tensor } from '../backend/backend';
import type { GraphAnalysis } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import { encodeTensor } from '../graph/tensorData';
import { createLayer } from './createLayer';
import type { Layer, Parameter } from './layer';
import { createRandom, type Random } from './random';

export interface NetworkParameter {
  nodeId: string;
  param: Parameter;
}

export class Network {
  /** Each forward pass's tape: what its layers kept for backward, freed with its outputs. */
  private readonly tapes = new WeakMap<Map<string, Tensor>, Tensor[]>();

  private constructor(
    readonly backend: Backend,
    /** Node ids, each after its inputs. */
    readonly order: readonly string[],
    readonly layers: ReadonlyMap<string, Layer>,
    readonly inputsOf: ReadonlyMap<string, readonly string[]>,
    readonly inputId: string,
    readonly outputId: string,
    /** Per-sample input shape, [C, H, W] or [F]. */
    readonly inputShape: readonly number[],
    /** Values per sample of the output (classes, for a softmax). */
    readonly outputClasses: number,
  ) {}

  /** Builds from a valid document; missing weights are drawn from `seed`. */
  static create(doc: GraphDocument, analysis: GraphAnalysis, backend: Backend, seed: number): Network {
    const { topology, infoOf } = analysis;
    if (topology.inputId === undefined || topology.outputId === undefined) throw new Error('the graph needs one input and one output');
    const random = createRandom(seed);
    const layers = new Map<string, Layer>();
    // Initialize in document order, so adding a node elsewhere does not reshuffle the others' weights.
    for (const node of doc.nodes) {
      const info = infoOf.get(node.id);
      if (!info) throw new Error(`node "${node.id}" has no inferred shape; validate the document first`);
      const layer = createLayer(node, info, doc, backend, random);
      if (layer) layers.set(node.id, layer);
    }
    const { inputShape, outputClasses } = Network.ends(analysis);
    return new Network(backend, topology.order, layers, topology.inputsOf, topology.inputId, topology.outputId, inputShape, outputClasses);
  }

  /** What the network takes and gives, from the analysis alone (no weights made): enough to check it against a data set. */
  static ends(analysis: GraphAnalysis): { inputShape: readonly number[]; outputClasses: number } {
    const { topology, infoOf } = analysis;
    return {
      inputShape: infoOf.get(topology.inputId ?? '')?.outputShape ?? [],
      outputClasses: (infoOf.get(topology.outputId ?? '')?.outputShape ?? []).reduce((a, b) => a * b, 1),
    };
  }

  get parameters(): NetworkParameter[] {
    return this.order.flatMap((nodeId) => (this.layers.get(nodeId)?.params ?? []).map((param) => ({ nodeId, param })));
  }

  /**
   * Every node's output for a batch x [N, ...inputShape]; the caller disposes
   * them with `release`, which also frees what the layers kept for backward
   * (the pass's tape).
   */
  forward(x: Tensor, training: boolean, random: Random): Map<string, Tensor> {
    const outputs = new Map<string, Tensor>([[this.inputId, x]]);
    const tape: Tensor[] = [];
    this.tapes.set(outputs, tape);
    const keep = <T extends Tensor>(t: T): T => {
      tape.push(t);
      return t;
    };
    for (const id of this.order) {
      const layer = this.layers.get(id);
      if (!layer) continue;
      const inputs = (this.inputsOf.get(id) ?? []).map((from) => outputs.get(from) as Tensor);
      outputs.set(id, layer.forward(inputs, { backend: this.backend, training, random, keep }));
    }
    return outputs;
  }

  /**
   * Backpropagates from gradients given at some nodes' outputs (the loss's
   * gradient), setting every parameter's grad. Returns the gradient at the input.
   * `observe` sees each layer's output gradient and input gradients as it goes
   * (the step-through lesson shows them), before any is freed.
   */
  backward(seeds: ReadonlyMap<string, Tensor>, inputGradient = false, observe?: (nodeId: string, dy: Tensor, inputGrads: readonly Tensor[]) => void): Tensor | undefined {
    const backend = this.backend;
    const grads = new Map<string, Tensor>(seeds);
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i] as string;
      const dy = grads.get(id);
      const layer = this.layers.get(id);
      if (!dy || !layer) continue;
      // A layer fed only by the network's input need not compute an input gradient unless asked.
      const inputs = this.inputsOf.get(id) ?? [];
      const needed = inputGradient || inputs.some((from) => from !== this.inputId);
      const inputGrads = layer.backward(dy, backend, needed);
      observe?.(id, dy, inputGrads);
      if (!seeds.has(id)) backend.dispose(dy);
      grads.delete(id);
      if (!needed) {
        for (const g of inputGrads) backend.dispose(g);
        continue;
      }
      inputs.forEach((from, k) => {
        const g = inputGrads[k] as Tensor;
        const existing = grads.get(from);
        // A node feeding several others receives the sum of their gradients.
        if (existing) {
          grads.set(from, backend.add(existing, g));
          backend.dispose(existing);
          backend.dispose(g);
        } else {
          grads.set(from, g);
        }
      });
    }
    return grads.get(this.inputId);
  }

  /** Frees a forward pass's outputs, except the input the caller passed in, and what its layers kept for backward. */
  release(outputs: Map<string, Tensor>): void {
    for (const [id, t] of outputs) if (id !== this.inputId) this.backend.dispose(t);
    for (const t of this.tapes.get(outputs) ?? []) this.backend.dispose(t);
    this.tapes.delete(outputs);
  }

  /** The document with this network's current weights stored in it (base64 float32). */
  writeWeights(doc: GraphDocument): GraphDocument {
    const weights: NonNullable<GraphDocument['weights']> = { ...doc.weights };
    for (const { nodeId, param } of this.parameters) {
      weights[nodeId] = { ...weights[nodeId], [param.name]: encodeTensor(param.value.shape, Float32Array.from(this.backend.read(param.value))) };
    }
    return { ...doc, weights };
  }
}
