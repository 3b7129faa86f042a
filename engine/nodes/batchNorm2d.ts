/**
 * batchNorm2d: each channel normalized to mean 0 and variance 1, then scaled
 * and shifted by learned per-channel weights (PyTorch's BatchNorm2d). While
 * training it normalizes with the batch's own statistics and keeps running
 * averages of them (momentum and epsilon as PyTorch's: the running variance
 * is the unbiased one); in evaluation it uses the running averages, which the
 * document saves with the weights (`runningMean`, `runningVar`).
 *
 * The layer is built from existing primitives (per-channel sums are
 * `biasGradient`, per-channel shifts `addBias`), so every backend runs it;
 * only the per-channel statistics (C numbers) come back to JavaScript.
 */
import { z } from 'zod';
import type { Backend, Tensor } from '../backend/backend';
import type { Layer, Parameter } from '../network/layer';
import { setGrad } from '../network/layer';
import { ok } from '../shapes/layerInfo';
import { describeShape, isImage } from '../shapes/shape';
import type { NodeDescriptor } from './descriptor';
import { nodeOf } from './paramSchemas';
import { firstInput, weightOf } from '../export/onnx/mappings';

export const DEFAULT_MOMENTUM = 0.1;
export const DEFAULT_EPSILON = 1e-5;

export const BatchNorm2dNodeSchema = nodeOf(
  'batchNorm2d',
  z.strictObject({ momentum: z.number().min(0).max(1).optional(), epsilon: z.number().gt(0).max(1).optional() }).optional(),
);
type BatchNorm2dNode = z.infer<typeof BatchNorm2dNodeSchema>;

export const batchNorm2d: NodeDescriptor<typeof BatchNorm2dNodeSchema> = {
  schema: BatchNorm2dNodeSchema,
  arity: { min: 1, max: 1 },
  paletteGroup: 'Structure',
  newParams: undefined,
  fields: [
    { kind: 'decimal', key: 'momentum', step: 0.05, fallback: DEFAULT_MOMENTUM },
    { kind: 'decimal', key: 'epsilon', step: 0.00001, fallback: DEFAULT_EPSILON },
  ],
  infer(_node, { input, fail }) {
    if (!isImage(input)) return fail('needs-image', `batchNorm2d normalizes the channels of a channels×height×width image, but its input is a flat vector of ${describeShape(input)} values`);
    const [channels, height, width] = input;
    const perChannel = { shape: [channels], axes: '[channels]' };
    return ok({
      outputShape: input,
      params: 2 * channels,
      // In evaluation a multiply and an add per value (the statistics folded into the scale and shift).
      flops: 2 * channels * height * width,
      weightShapes: {
        weight: { ...perChannel, startsAt: 1 },
        bias: perChannel,
        runningMean: { ...perChannel, startsAt: 0, trainable: false },
        runningVar: { ...perChannel, startsAt: 1, trainable: false },
      },
      notes: [`normalizes each of the ${channels} channels over the batch and its ${height}×${width} positions, then scales and shifts it`],
    });
  },
  createLayer: (node, { parameters }) => createBatchNormLayer(node, parameters('heNormal', true)),
  sinceVersion: 2,
  onnx(node, context) {
    const { graph } = context;
    const [channels = 0] = context.inputShapes[0] ?? [];
    const tensor = (name: string) => graph.floats(`${graph.owner}.${name}`, [channels], weightOf(context, name));
    // Evaluation with the running statistics; ONNX's momentum is the weight of the old value (1 − PyTorch's).
    return graph.op('BatchNormalization', [firstInput(context), tensor('weight'), tensor('bias'), tensor('runningMean'), tensor('runningVar')], {
      epsilon: { float: node.params?.epsilon ?? DEFAULT_EPSILON },
      momentum: { float: 1 - (node.params?.momentum ?? DEFAULT_MOMENTUM) },
    });
  },
};

/** What backward needs from forward: the normalized input and, per channel, 1/√(variance + ε). */
interface Saved {
  xHat: Tensor;
  inverseStd: Float64Array;
  training: boolean;
}

function createBatchNormLayer(node: BatchNorm2dNode, params: Parameter[]): Layer {
  const momentum = node.params?.momentum ?? DEFAULT_MOMENTUM;
  const epsilon = node.params?.epsilon ?? DEFAULT_EPSILON;
  const byName = (name: string) => {
    const param = params.find((p) => p.name === name);
    if (!param) throw new Error(`${node.id}: no ${name}`);
    return param;
  };
  const [gamma, beta, runningMean, runningVar] = [byName('weight'), byName('bias'), byName('runningMean'), byName('runningVar')];
  let saved: Saved | undefined;

  return {
    id: node.id,
    params,
    forward([x], { backend, training, keep }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const [batch = 0, channels = 0, height = 0, width = 0] = x.shape;
      const count = batch * height * width;
      let mean: Float64Array;
      let variance: Float64Array;
      if (training) {
        // As PyTorch: one value per channel has no spread to normalize by.
        if (count <= 1) throw new Error(`${node.id}: batch norm needs more than one value per channel while training (a batch of ${batch} of ${height}×${width})`);
        mean = channelSums(backend, x, channels).map((s) => s / count);
        variance = channelSums(backend, x, channels, mean).map((s) => s / count);
        // PyTorch's running variance is the unbiased one (count - 1).
        const unbiased = count > 1 ? count / (count - 1) : 1;
        blend(backend, runningMean, mean, momentum, 1);
        blend(backend, runningVar, variance, momentum, unbiased);
      } else {
        mean = Float64Array.from(backend.read(runningMean.value));
        variance = Float64Array.from(backend.read(runningVar.value));
      }
      const inverseStd = variance.map((v) => 1 / Math.sqrt(v + epsilon));
      const xHat = keep(scaleChannels(backend, shiftChannels(backend, x, mean.map((m) => -m), false), inverseStd, true));
      saved = { xHat, inverseStd, training };
      const gammaB = broadcast(backend, gamma.value, x.shape);
      const scaled = backend.multiply(xHat, gammaB);
      backend.dispose(gammaB);
      const y = backend.addBias(scaled, beta.value);
      backend.dispose(scaled);
      return y;
    },
    backward(dy, backend, inputGradients) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      const { xHat, inverseStd, training } = saved;
      const channels = inverseStd.length;
      const dyXHat = backend.multiply(dy, xHat);
      setGrad(gamma, backend.biasGradient(dyXHat, [channels]), backend);
      backend.dispose(dyXHat);
      setGrad(beta, backend.biasGradient(dy, [channels]), backend);
      if (!inputGradients) return [];
      const g = backend.read(gamma.value);
      // a = γ/σ per channel. Evaluation: dx = a·dy. Training, where the statistics depend on x too:
      // dx = a·(dy − mean(dy) − x̂·mean(dy·x̂)), the means per channel over the batch and positions.
      const a = inverseStd.map((s, c) => s * (g[c] ?? 0));
      const dx = scaleChannels(backend, dy, a, false);
      if (!training) return [dx];
      const [batch = 0, , height = 0, width = 0] = dy.shape;
      const count = batch * height * width;
      const dGamma = backend.read(gamma.grad as Tensor);
      const dBeta = backend.read(beta.grad as Tensor);
      const fromXHat = scaleChannels(backend, xHat, a.map((ac, c) => (-ac * (dGamma[c] ?? 0)) / count), false);
      const sum = backend.add(dx, fromXHat);
      backend.dispose(dx);
      backend.dispose(fromXHat);
      const result = shiftChannels(backend, sum, a.map((ac, c) => (-ac * (dBeta[c] ?? 0)) / count), true);
      return [result];
    },
  };
}

/** Per channel, Σ x (or Σ (x − centre)² with a centre): C numbers, read back. */
function channelSums(backend: Backend, x: Tensor, channels: number, centre?: Float64Array): Float64Array {
  let sums: Tensor;
  if (centre) {
    const centred = shiftChannels(backend, x, centre.map((m) => -m), false);
    const squares = backend.multiply(centred, centred);
    backend.dispose(centred);
    sums = backend.biasGradient(squares, [channels]);
    backend.dispose(squares);
  } else {
    sums = backend.biasGradient(x, [channels]);
  }
  const values = Float64Array.from(backend.read(sums));
  backend.dispose(sums);
  return values;
}

/** x plus a per-channel shift; `freeInput` disposes x (a temporary). */
function shiftChannels(backend: Backend, x: Tensor, shift: Float64Array, freeInput: boolean): Tensor {
  const b = backend.tensor([shift.length], shift);
  const y = backend.addBias(x, b);
  backend.dispose(b);
  if (freeInput) backend.dispose(x);
  return y;
}

/** x times a per-channel factor; `freeInput` disposes x (a temporary). */
function scaleChannels(backend: Backend, x: Tensor, factor: Float64Array, freeInput: boolean): Tensor {
  const f = backend.tensor([factor.length], factor);
  const full = broadcast(backend, f, x.shape);
  backend.dispose(f);
  const y = backend.multiply(x, full);
  backend.dispose(full);
  if (freeInput) backend.dispose(x);
  return y;
}

/** A per-channel tensor [C] repeated over a whole [N, C, H, W] shape (added to zeros). */
function broadcast(backend: Backend, perChannel: Tensor, shape: readonly number[]): Tensor {
  const zeros = backend.tensor(shape);
  const full = backend.addBias(zeros, perChannel);
  backend.dispose(zeros);
  return full;
}

/** running ← (1 − momentum)·running + momentum·scale·batch, as PyTorch updates its running statistics. */
function blend(backend: Backend, running: Parameter, batch: Float64Array, momentum: number, scale: number): void {
  const old = backend.read(running.value);
  const next = batch.map((b, c) => (1 - momentum) * (old[c] ?? 0) + momentum * scale * b);
  backend.dispose(running.value);
  running.value = backend.tensor([next.length], next);
}
