/**
 * How each node type becomes PyTorch: a module built in Net.__init__ (for
 * types with weights or fixed buffers) and an expression in Net.forward. The
 * table's type lists every node type, so a type without a mapping does not
 * compile. Padding comes from the engine's own window planning.
 */
import type { NodeOfType, NodeType } from '../../graph/schema';
import type { LayerInfo } from '../../shapes/layerInfo';
import { resolveConv, resolveLeakyAlpha, resolvePool, toPair, type Pair } from '../../shapes/params';
import type { Shape } from '../../shapes/shape';
import { planWindow, type WindowPlan } from '../../shapes/windowArithmetic';
import { realPixels } from '../onnx/mappings';
import { DEFAULT_EPSILON, DEFAULT_MOMENTUM } from '../../nodes/batchNorm2d';

export interface PytorchContext {
  inputShapes: readonly Shape[];
  info: LayerInfo;
}

export interface PytorchLayer {
  /** The module's constructor call, when the node has one. */
  module?: string;
  /** The forward expression, from the inputs' variables and the module's attribute (`self.c1`). */
  call(inputs: readonly string[], self: string): string;
}

type Mapping<T extends NodeType> = (node: NodeOfType<T>, context: PytorchContext) => PytorchLayer;

const tuple = (values: readonly (number | string)[]) => `(${values.join(', ')}${values.length === 1 ? ',' : ''})`;
const bool = (value: boolean) => (value ? 'True' : 'False');
/** A Python float literal that reads back as the same double. */
const float = (value: number) => (Number.isInteger(value) ? `${value}.0` : String(value));

function windowPlan(context: PytorchContext, kernel: Pair, strides: Pair, padding: Parameters<typeof planWindow>[4], dilation: Pair = [1, 1]): WindowPlan {
  const [, height = 0, width = 0] = context.inputShapes[0] ?? [];
  return planWindow(height, width, kernel, strides, padding, dilation);
}

/** F.pad's order: (left, right, top, bottom). */
const pads = (plan: WindowPlan) => tuple([plan.cols.padBefore, plan.cols.padAfter, plan.rows.padBefore, plan.rows.padAfter]);

/** A [1, 1, outH, outW] map, as a nested Python list. */
function outputMap(plan: WindowPlan, value: (realPixels: number) => number): string {
  const counts = realPixels(plan);
  const rows = Array.from({ length: plan.rows.outSize }, (_, r) => `[${counts.slice(r * plan.cols.outSize, (r + 1) * plan.cols.outSize).map((n) => float(value(n))).join(', ')}]`);
  return `[[[${rows.join(', ')}]]]`;
}

const first = (inputs: readonly string[]) => inputs[0] ?? 'x';
const own = (inputs: readonly string[], self: string) => `${self}(${first(inputs)})`;

function kernelSets(node: NodeOfType<'locallyConnected2d'> | NodeOfType<'tiledConv2d'>, context: PytorchContext, tiles: Pair | 'local'): PytorchLayer {
  const conv = resolveConv(node);
  const plan = windowPlan(context, conv.kernel, conv.strides, conv.padding);
  const [, outH = 0, outW = 0] = context.info.outputShape;
  const [tilesH, tilesW] = tiles === 'local' ? [outH, outW] : tiles;
  const index = Array.from({ length: outH * outW }, (_, p) => (Math.floor(p / outW) % tilesH) * tilesW + ((p % outW) % tilesW));
  const weight = context.info.weightShapes['weight']?.shape ?? [];
  const bias = context.info.weightShapes['bias']?.shape;
  return {
    module: `KernelSets(${tuple(weight)}, ${bias ? tuple(bias) : 'None'}, ${tuple(conv.kernel)}, ${tuple(conv.strides)}, ${pads(plan)}, ${tuple([outH, outW])}, [${index.join(', ')}], ${bool(conv.trainable)})`,
    call: own,
  };
}

export const PYTORCH_MAPPINGS: { [T in NodeType]: Mapping<T> } = {
  input: () => ({ call: () => 'x' }),
  conv2d(node, context) {
    const conv = resolveConv(node);
    const plan = windowPlan(context, conv.kernel, conv.strides, conv.padding, conv.dilation);
    const weight = context.info.weightShapes['weight']?.shape ?? [];
    return { module: `Conv(${tuple(weight)}, ${bool(conv.useBias)}, ${tuple(conv.strides)}, ${pads(plan)}, ${tuple(conv.dilation)}, ${bool(conv.trainable)})`, call: own };
  },
  locallyConnected2d: (node, context) => kernelSets(node, context, 'local'),
  tiledConv2d: (node, context) => kernelSets(node, context, toPair(node.params.tiles)),
  relu: () => ({ call: (inputs) => `F.relu(${first(inputs)})` }),
  leakyRelu: (node) => ({ call: (inputs) => `F.leaky_relu(${first(inputs)}, ${float(resolveLeakyAlpha(node))})` }),
  sigmoid: () => ({ call: (inputs) => `torch.sigmoid(${first(inputs)})` }),
  tanh: () => ({ call: (inputs) => `torch.tanh(${first(inputs)})` }),
  maxPool2d(node, context) {
    const pool = resolvePool(node);
    const plan = windowPlan(context, pool.window, pool.strides, pool.padding);
    return { module: `MaxPool(${tuple(pool.window)}, ${tuple(pool.strides)}, ${pads(plan)}, ${outputMap(plan, (n) => (n === 0 ? 1 : 0))})`, call: own };
  },
  avgPool2d(node, context) {
    const pool = resolvePool(node);
    const plan = windowPlan(context, pool.window, pool.strides, pool.padding);
    return { module: `AvgPool(${tuple(pool.window)}, ${tuple(pool.strides)}, ${pads(plan)}, ${outputMap(plan, (n) => (n > 0 ? 1 / n : 0))})`, call: own };
  },
  globalAvgPool2d: () => ({ call: (inputs) => `${first(inputs)}.mean(dim=(2, 3))` }),
  flatten: () => ({ call: (inputs) => `${first(inputs)}.flatten(1)` }),
  dense(node, context) {
    const [units = 0, inputs = 0] = context.info.weightShapes['weight']?.shape ?? [];
    return { module: `Dense(${units}, ${inputs}, ${bool(node.params.useBias ?? true)}, ${bool(node.params.trainable ?? true)})`, call: own };
  },
  dropout: (node) => ({ call: (inputs, _self) => `F.dropout(${first(inputs)}, ${float(node.params.rate)}, self.training)` }),
  batchNorm2d(node, context) {
    const [channels = 0] = context.inputShapes[0] ?? [];
    return { module: `BatchNorm(${channels}, ${float(node.params?.momentum ?? DEFAULT_MOMENTUM)}, ${float(node.params?.epsilon ?? DEFAULT_EPSILON)})`, call: own };
  },
  add: () => ({ call: (inputs) => inputs.join(' + ') }),
  concat: () => ({ call: (inputs) => `torch.cat([${inputs.join(', ')}], dim=1)` }),
  softmax: () => ({ call: (inputs) => `F.softmax(${first(inputs)}, dim=1)` }),
};
