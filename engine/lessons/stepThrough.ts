/**
 * Lesson 9's step-through: one training step of a tiny network (input →
 * convolution → ReLU → max pooling → flatten → dense → softmax) on a batch
 * of two 6×6 pictures, a vertical bar and a horizontal bar, taken apart one
 * operation at a time: the forward pass node by node, the loss, the backward
 * pass node by node (each layer's output gradient, input gradient and
 * parameter gradients), and the SGD update. Every number is read from the
 * engine's own Network and Optimizer as they run, on the CPU backend that
 * `convstudio gradients` uses, so the two agree for the same weights.
 */
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import type { Backend, Tensor } from '../backend/backend';
import { analyzeGraph } from '../graph/analyze';
import { CURRENT_VERSION, type GraphDocument } from '../graph/schema';
import { Network } from '../network/network';
import { createRandom } from '../network/random';
import { Optimizer, resolveOptimizer } from '../training/optimizer';
import { LessonOptionError, parseInteger, parseNumber } from './options';

export const STEP_SIZE = 6;
export const STEP_CLASSES = ['vertical bar', 'horizontal bar'] as const;

export interface StepTensor {
  label: string;
  /** With the batch axis first where there is one. */
  shape: number[];
  data: number[];
  /** What it is: a node's output, a gradient, or a parameter. */
  kind: 'value' | 'gradient' | 'parameter';
  /** The first axis is the batch's samples (outputs and their gradients), not filters or units (parameters and theirs). */
  perSample: boolean;
}

export interface StepPart {
  phase: 'forward' | 'loss' | 'backward' | 'update';
  /** The node this operation belongs to, where there is one. */
  nodeId?: string;
  title: string;
  /** The operation in the lecture's notation. */
  tex: string;
  tensors: StepTensor[];
}

export interface StepThroughResult {
  document: GraphDocument;
  seed: number;
  learningRate: number;
  /** The batch, [2, 1, 6, 6], and its labels (0: vertical, 1: horizontal). */
  input: { shape: number[]; data: number[] };
  labels: number[];
  loss: number;
  /** The loss of the same batch after the update. */
  lossAfter: number;
  steps: StepPart[];
  /** Each parameter's gradient, as `convstudio gradients --json` prints them, and the input's. */
  gradients: Record<string, Record<string, { shape: number[]; data: number[] }>>;
  inputGradient: { shape: number[]; data: number[] };
  /** Parameters before and after the update. */
  before: Record<string, Record<string, number[]>>;
  after: Record<string, Record<string, number[]>>;
}

/** The tiny network, as a document `convstudio gradients` reads. */
export function stepNetwork(): GraphDocument {
  const layers = [
    { id: 'in', type: 'input', params: { shape: [1, STEP_SIZE, STEP_SIZE] } },
    { id: 'conv', type: 'conv2d', params: { filters: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'valid' } },
    { id: 'relu', type: 'relu' },
    { id: 'pool', type: 'maxPool2d', params: { poolSize: [2, 2], strides: [2, 2], padding: 'valid' } },
    { id: 'flat', type: 'flatten' },
    { id: 'dense', type: 'dense', params: { units: STEP_CLASSES.length } },
    { id: 'out', type: 'softmax' },
  ];
  return {
    format: 'convstudio-graph', version: CURRENT_VERSION, name: 'step-through',
    nodes: layers, edges: layers.slice(1).map((layer, i) => ({ from: layers[i]!.id, to: layer.id })),
  } as unknown as GraphDocument;
}

/** The batch: a vertical bar (column 2) and a horizontal bar (row 3), 1 on the bar and 0 elsewhere. */
export function stepBatch(): { data: Float32Array; labels: Int32Array } {
  const plane = STEP_SIZE * STEP_SIZE;
  const data = new Float32Array(2 * plane);
  for (let i = 0; i < STEP_SIZE; i++) {
    data[i * STEP_SIZE + 2] = 1;
    data[plane + 3 * STEP_SIZE + i] = 1;
  }
  return { data, labels: Int32Array.from([0, 1]) };
}

/** The lecture's letters for each node's output and each parameter, as the formulas use them. */
const SYMBOL: Record<string, string> = { in: 'x⁰', conv: 'c', relu: 'r', pool: 'm', flat: 'f', dense: 'z', out: 'p', 'conv.weight': 'K', 'conv.bias': 'b', 'dense.weight': 'V', 'dense.bias': 'a' };

const FORWARD: Record<string, { title: string; tex: string }> = {
  in: { title: 'The batch: two pictures', tex: 'x^{0} \\in \\mathbb{R}^{2\\times1\\times6\\times6}' },
  conv: { title: 'Convolution: two 3×3 kernels', tex: 'c_{k} = K_{k} * x^{0} + b_{k} \\;(= W x^{0} + b)' },
  relu: { title: 'ReLU', tex: 'r = \\max(0,\\, c)' },
  pool: { title: 'Max pooling, 2×2', tex: 'm_{ij} = \\max_{(u,v)\\in \\text{window}_{ij}} r_{uv}' },
  flat: { title: 'Flatten', tex: 'f = \\operatorname{vec}(m)' },
  dense: { title: 'Dense layer: the class scores', tex: 'z = V f + a' },
  out: { title: 'Softmax: the probabilities', tex: 'p_{j} = e^{z_{j}} / \\textstyle\\sum_{i} e^{z_{i}}' },
};

const BACKWARD: Record<string, { title: string; tex: string }> = {
  dense: { title: 'Dense layer, backward', tex: '\\partial L/\\partial V = \\delta_{z}^{\\top} f,\\quad \\partial L/\\partial a = \\textstyle\\sum_{n} \\delta_{z},\\quad \\delta_{f} = \\delta_{z} V' },
  flat: { title: 'Flatten, backward: the same numbers, reshaped', tex: '\\delta_{m} = \\operatorname{vec}^{-1}(\\delta_{f})' },
  pool: { title: 'Max pooling, backward: each gradient goes to its window\'s largest input', tex: '\\delta_{r,uv} = \\delta_{m,ij} \\text{ if } r_{uv} \\text{ is window } ij\\text{\'s max, else } 0' },
  relu: { title: 'ReLU, backward: passed where the input was positive', tex: '\\delta_{c} = \\delta_{r} \\odot [c > 0]' },
  conv: { title: 'Convolution, backward: the transposed convolution', tex: '\\partial L/\\partial K = \\textstyle\\sum_{\\text{copies}} \\delta_{c}\\, x^{0},\\quad \\partial L/\\partial b = \\textstyle\\sum \\delta_{c},\\quad \\delta_{x} = W^{\\top} \\delta_{c}' },
};

export function stepThrough(seed = 1, learningRate = 0.1): StepThroughResult {
  const document = stepNetwork();
  const analysis = analyzeGraph(document);
  const backend = createCpuBackend();
  const network = Network.create(document, analysis, backend, seed);
  const batch = stepBatch();
  const labels = Array.from(batch.labels);
  const x = backend.tensor([2, 1, STEP_SIZE, STEP_SIZE], batch.data);
  const read = (t: Tensor, label: string, kind: StepTensor['kind'], perSample = kind !== 'parameter'): StepTensor => ({ label, shape: [...t.shape], data: Array.from(backend.read(t)), kind, perSample });
  const paramsOf = (nodeId: string) => network.layers.get(nodeId)?.params ?? [];
  const snapshot = () => Object.fromEntries(network.order.filter((id) => paramsOf(id).length).map((id) => [id, Object.fromEntries(paramsOf(id).map((p) => [p.name, Array.from(backend.read(p.value))]))]));
  const before = snapshot();
  const steps: StepPart[] = [];

  const outputs = network.forward(x, false, createRandom(seed));
  for (const id of network.order) {
    const output = outputs.get(id);
    if (!output) continue;
    const params = paramsOf(id).map((p) => read(p.value, `${SYMBOL[`${id}.${p.name}`]} (${id}.${p.name})`, 'parameter'));
    steps.push({ phase: 'forward', nodeId: id, ...FORWARD[id]!, tensors: [...params, read(output, `${SYMBOL[id]} (${id}'s output)`, 'value')] });
  }
  const probs = outputs.get(network.outputId) as Tensor;
  const loss = backend.crossEntropy(probs, batch.labels);
  const probsData = backend.read(probs);
  const sampleLosses = labels.map((label, n) => -Math.log(probsData[n * STEP_CLASSES.length + label] as number));
  steps.push({
    phase: 'loss', title: 'The loss: mean cross-entropy over the batch',
    tex: `L = -\\tfrac{1}{2}\\textstyle\\sum_{n} \\log p_{n,y_n} = \\tfrac{1}{2}(${sampleLosses.map((v) => v.toFixed(3)).join(' + ')}) = ${loss.toFixed(3)}`,
    tensors: [read(probs, 'p (the probabilities)', 'value'), { label: 'each sample\'s loss, −log p_label', shape: [2], data: sampleLosses, kind: 'value', perSample: true }],
  });

  const dLogits = backend.softmaxCrossEntropyBackward(probs, batch.labels);
  steps.push({
    phase: 'backward', nodeId: 'out', title: 'Softmax and loss, backward together',
    tex: '\\delta_{z} = \\partial L/\\partial z = (p - \\operatorname{onehot}(y)) / N',
    tensors: [read(dLogits, 'δz = ∂L/∂z', 'gradient')],
  });
  const inputGrad = network.backward(new Map([['dense', dLogits]]), true, (id, _dy, inputGrads) => {
    const params = paramsOf(id).flatMap((p) => (p.grad ? [read(p.grad, `∂L/∂${SYMBOL[`${id}.${p.name}`]} (${id}.${p.name})`, 'gradient', false)] : []));
    const from = network.inputsOf.get(id)?.[0] ?? '';
    const input = inputGrads[0] ? [read(inputGrads[0], `δ${SYMBOL[from]} = ∂L/∂${SYMBOL[from]}`, 'gradient')] : [];
    steps.push({ phase: 'backward', nodeId: id, ...BACKWARD[id]!, tensors: [...params, ...input] });
  });
  backend.dispose(dLogits);
  const gradients: StepThroughResult['gradients'] = {};
  for (const { nodeId, param } of network.parameters) {
    if (param.grad) gradients[nodeId] = { ...gradients[nodeId], [param.name]: { shape: [...param.grad.shape], data: Array.from(backend.read(param.grad)) } };
  }
  const inputGradient = inputGrad ? { shape: [...inputGrad.shape], data: Array.from(backend.read(inputGrad)) } : { shape: [], data: [] };
  if (inputGrad) backend.dispose(inputGrad);
  network.release(outputs);

  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'sgd', learningRate }, { name: 'sgd' }));
  optimizer.step();
  optimizer.dispose();
  const after = snapshot();
  const lossAfter = lossOf(network, backend, x, batch.labels, seed);
  steps.push({
    phase: 'update', title: `The update: each parameter moves against its gradient (SGD, η = ${learningRate})`,
    tex: `\\theta \\leftarrow \\theta - \\eta\\, \\partial L/\\partial \\theta;\\qquad L: ${loss.toFixed(3)} \\to ${lossAfter.toFixed(3)}`,
    tensors: network.parameters.flatMap(({ nodeId, param }) => [
      { label: `${SYMBOL[`${nodeId}.${param.name}`]} before`, shape: [...param.value.shape], data: before[nodeId]![param.name]!, kind: 'parameter' as const, perSample: false },
      read(param.value, `${SYMBOL[`${nodeId}.${param.name}`]} after`, 'parameter'),
    ]),
  });
  backend.dispose(x);
  return {
    document, seed, learningRate,
    input: { shape: [2, 1, STEP_SIZE, STEP_SIZE], data: Array.from(batch.data) }, labels,
    loss, lossAfter, steps, gradients, inputGradient, before, after,
  };
}

function lossOf(network: Network, backend: Backend, x: Tensor, labels: Int32Array, seed: number): number {
  const outputs = network.forward(x, false, createRandom(seed));
  const loss = backend.crossEntropy(outputs.get(network.outputId) as Tensor, labels);
  network.release(outputs);
  return loss;
}

/** The step-through from the lesson's options (text, as `convstudio lesson toeplitz` takes them). */
export function stepThroughOf(values: Readonly<Record<string, string>>): StepThroughResult {
  const seed = parseInteger('seed', values['seed'] || '1', 0, 1_000_000);
  const rate = parseNumber('rate', values['rate'] || '0.1');
  if (!(rate > 0 && rate <= 10)) throw new LessonOptionError('rate', `the learning rate must be above 0 and at most 10, not ${rate}`);
  return stepThrough(seed, rate);
}
