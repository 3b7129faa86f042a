/**
 * How node types become ONNX operators (opset 17): the pieces the node
 * descriptors' `onnx` mappings share. Padding comes from the engine's own
 * window planning, as ONNX's explicit `pads = [top, left, bottom, right]`.
 *
 * onnxruntime refuses pads as large as the window, which the engine allows;
 * there the input is padded first (zeros for convolution, −∞ for max
 * pooling), and pooling windows that cover no real pixel are set to 0 as the
 * engine does. Average pooling divides by the real pixels of each window
 * (AveragePool with count_include_pad = 0, or where pads are that large a
 * per-channel sum by an all-ones convolution times a fixed 1/count map).
 */
import type { Shape } from '../../shapes/shape';
import type { LayerInfo } from '../../shapes/layerInfo';
import { planWindow, type WindowPlan } from '../../shapes/windowArithmetic';
import type { Padding } from '../../graph/schema';
import type { Pair } from '../../shapes/params';
import { kernelExtent, type ResolvedConv } from '../../shapes/params';
import type { OnnxGraph } from './onnxGraph';

/** What a node's mapping is given. */
export interface OnnxContext {
  graph: OnnxGraph;
  /** The ONNX names of the node's inputs, in input order. */
  inputs: readonly string[];
  /** Their shapes, without the batch axis. */
  inputShapes: readonly Shape[];
  info: LayerInfo;
  /** The node's weights by name (`weight`, `bias`, …), as the engine has them. */
  weights: ReadonlyMap<string, Float32Array>;
}

/** A node type's mapping: adds its operators and returns the name of its output. */
export type OnnxMapping<N> = (node: N, context: OnnxContext) => string;

export function firstInput(context: OnnxContext): string {
  const input = context.inputs[0];
  if (input === undefined) throw new Error(`${context.graph.owner}: no input`);
  return input;
}

export function weightOf(context: OnnxContext, name: string): Float32Array {
  const values = context.weights.get(name);
  if (!values) throw new Error(`${context.graph.owner}: no ${name} to export`);
  return values;
}

export function imageShape(context: OnnxContext): [number, number, number] {
  const [channels = 0, height = 0, width = 0] = context.inputShapes[0] ?? [];
  return [channels, height, width];
}

/** One operator on the node's only input. */
export const unary = (opType: string, attributes: Record<string, number | { float: number }> = {}) => (_node: unknown, context: OnnxContext) =>
  context.graph.op(opType, [firstInput(context)], attributes);

interface Window {
  plan: WindowPlan;
  /** [top, left, bottom, right] */
  pads: [number, number, number, number];
  /** Whether onnxruntime would refuse the pads (one as large as the window along its axis). */
  padsTooLarge: boolean;
}

function windowOf(context: OnnxContext, kernel: Pair, strides: Pair, padding: Padding, dilation: Pair = [1, 1]): Window {
  const [, height, width] = imageShape(context);
  const plan = planWindow(height, width, kernel, strides, padding, dilation);
  const [extentH, extentW] = kernelExtent(kernel, dilation);
  const pads: Window['pads'] = [plan.rows.padBefore, plan.cols.padBefore, plan.rows.padAfter, plan.cols.padAfter];
  const padsTooLarge = Math.max(pads[0], pads[2]) >= extentH || Math.max(pads[1], pads[3]) >= extentW;
  return { plan, pads, padsTooLarge };
}

/** The input padded by `pads` with `value` (a Pad operator). */
function padded(context: OnnxContext, pads: Window['pads'], value: number): string {
  const { graph } = context;
  const [top, left, bottom, right] = pads;
  const amounts = graph.int64s(`${graph.owner}_pads`, [8], [0, 0, top, left, 0, 0, bottom, right]);
  const fill = graph.floats(`${graph.owner}_pad_value`, [], [value]);
  return graph.op('Pad', [firstInput(context), amounts, fill]);
}

/** conv2d: Conv with the engine's pads, strides and dilations (padding first where onnxruntime would refuse the pads). */
export function convolution(context: OnnxContext, kernel: Pair, strides: Pair, padding: Padding, dilation: Pair, useBias: boolean): string {
  const { graph } = context;
  const { pads, padsTooLarge } = windowOf(context, kernel, strides, padding, dilation);
  const x = padsTooLarge ? padded(context, pads, 0) : firstInput(context);
  const weight = graph.floats(`${graph.owner}.weight`, shapeOf(context, 'weight'), weightOf(context, 'weight'));
  const bias = useBias ? [graph.floats(`${graph.owner}.bias`, shapeOf(context, 'bias'), weightOf(context, 'bias'))] : [];
  return graph.op('Conv', [x, weight, ...bias], { kernel_shape: kernel, strides, dilations: dilation, pads: padsTooLarge ? [0, 0, 0, 0] : pads, group: 1 });
}

function shapeOf(context: OnnxContext, name: string): number[] {
  const spec = context.info.weightShapes[name];
  if (!spec) throw new Error(`${context.graph.owner}: no ${name} shape`);
  return [...spec.shape];
}

/** Per output position (row-major), how many real (unpadded) pixels its window covers. */
export function realPixels(plan: WindowPlan): number[] {
  const along = (axis: WindowPlan['rows']) =>
    Array.from({ length: axis.outSize }, (_, o) => {
      const start = o * axis.stride - axis.padBefore;
      return Math.max(0, Math.min(start + axis.kernel, axis.inSize) - Math.max(start, 0));
    });
  const rows = along(plan.rows);
  const cols = along(plan.cols);
  return rows.flatMap((r) => cols.map((c) => r * c));
}

export function maxPooling(context: OnnxContext, window: Pair, strides: Pair, padding: Padding): string {
  const { graph } = context;
  const { plan, pads, padsTooLarge } = windowOf(context, window, strides, padding);
  if (!padsTooLarge) return graph.op('MaxPool', [firstInput(context)], { kernel_shape: window, strides, pads });
  // Padding with −∞ is never a window's maximum; a window over padding alone gives 0, as in the engine.
  const pooled = graph.op('MaxPool', [padded(context, pads, -Infinity)], { kernel_shape: window, strides, pads: [0, 0, 0, 0] });
  const empty = graph.bools(`${graph.owner}_empty_windows`, [1, 1, plan.rows.outSize, plan.cols.outSize], realPixels(plan).map((n) => n === 0));
  const zero = graph.floats(`${graph.owner}_zero`, [], [0]);
  return graph.op('Where', [empty, zero, pooled]);
}

export function averagePooling(context: OnnxContext, window: Pair, strides: Pair, padding: Padding): string {
  const { graph } = context;
  const { plan, pads, padsTooLarge } = windowOf(context, window, strides, padding);
  if (!padsTooLarge) return graph.op('AveragePool', [firstInput(context)], { kernel_shape: window, strides, pads, count_include_pad: 0 });
  // Each channel's window sums (an all-ones kernel per channel), times 1 / the real pixels in the window.
  const [channels] = imageShape(context);
  const ones = graph.floats(`${graph.owner}_ones`, [channels, 1, window[0], window[1]], new Float32Array(channels * window[0] * window[1]).fill(1));
  const sums = graph.op('Conv', [firstInput(context), ones], { kernel_shape: window, strides, pads, group: channels });
  const inverse = graph.floats(`${graph.owner}_inverse_counts`, [1, 1, plan.rows.outSize, plan.cols.outSize], realPixels(plan).map((n) => (n > 0 ? 1 / n : 0)));
  return graph.op('Mul', [sums, inverse]);
}

/**
 * A convolution whose kernel changes with position (locally connected, or
 * tiled with kernel sets): each window's values as channels (a per-channel
 * identity kernel bank), then per position a product with that position's
 * kernel. `perPosition(p)` is the index into `kernels` of position p's kernel
 * ([positions or sets, C·kH·kW, F]); tiled layers store each set once and
 * gather them by position.
 */
export function positionalConvolution(
  context: OnnxContext,
  kernel: Pair,
  strides: Pair,
  padding: Padding,
  kernels: { dims: [number, number, number]; values: Float32Array },
  perPosition: ((position: number) => number) | undefined,
  bias: { dims: number[]; values: Float32Array } | undefined,
): string {
  const { graph } = context;
  const [channels] = imageShape(context);
  const { plan, pads, padsTooLarge } = windowOf(context, kernel, strides, padding);
  const [kH, kW] = kernel;
  const rows = channels * kH * kW;
  const outH = plan.rows.outSize;
  const outW = plan.cols.outSize;
  const positions = outH * outW;
  const filters = kernels.dims[2];
  const bank = new Float32Array(rows * kH * kW);
  for (let r = 0; r < rows; r++) bank[r * kH * kW + (r % (kH * kW))] = 1;
  const x = padsTooLarge ? padded(context, pads, 0) : firstInput(context);
  const identity = graph.floats(`${graph.owner}_window_bank`, [rows, 1, kH, kW], bank);
  const windows = graph.op('Conv', [x, identity], { kernel_shape: kernel, strides, pads: padsTooLarge ? [0, 0, 0, 0] : pads, group: channels });
  const columns = graph.op('Reshape', [windows, graph.int64s(`${graph.owner}_columns_shape`, [3], [0, rows, positions])]);
  const byPosition = graph.op('Transpose', [columns], { perm: [2, 0, 1] });
  let weights = graph.floats(`${graph.owner}.kernels`, kernels.dims, kernels.values);
  if (perPosition) {
    const index = graph.int64s(`${graph.owner}_kernel_of_position`, [positions], Array.from({ length: positions }, (_, p) => perPosition(p)));
    weights = graph.op('Gather', [weights, index], { axis: 0 });
  }
  const products = graph.op('MatMul', [byPosition, weights]);
  const channelsFirst = graph.op('Transpose', [products], { perm: [1, 2, 0] });
  const y = graph.op('Reshape', [channelsFirst, graph.int64s(`${graph.owner}_output_shape`, [4], [0, filters, outH, outW])]);
  if (!bias) return y;
  return graph.op('Add', [y, graph.floats(`${graph.owner}.bias`, bias.dims, bias.values)]);
}

/** Each of `batches` row-major [rows, cols] matrices transposed to [cols, rows]. */
export function transposeEach(values: Float32Array, batches: number, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let b = 0; b < batches; b++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[(b * cols + j) * rows + i] = values[(b * rows + i) * cols + j] as number;
    }
  }
  return out;
}

/** [sets, F, C·kH·kW] (the engine's memory order) as [sets, C·kH·kW, F] (MatMul's). */
export const kernelsForMatmul = (weight: Float32Array, sets: number, filters: number, rows: number): Float32Array => transposeEach(weight, sets, filters, rows);

/** locallyConnected2d (`local`) and tiledConv2d (its tiles): a kernel set per position, or per tile gathered by position. */
export function kernelSetConvolution(context: OnnxContext, conv: ResolvedConv, tiles: Pair | 'local'): string {
  const [filters = 0, outH = 0, outW = 0] = context.info.outputShape;
  const [channels] = imageShape(context);
  const rows = channels * conv.kernel[0] * conv.kernel[1];
  const [tilesH, tilesW] = tiles === 'local' ? [outH, outW] : tiles;
  const sets = tilesH * tilesW;
  const kernels = { dims: [sets, rows, filters] as [number, number, number], values: kernelsForMatmul(weightOf(context, 'weight'), sets, filters, rows) };
  const perPosition = tiles === 'local' ? undefined : (p: number) => (Math.floor(p / outW) % tilesH) * tilesW + ((p % outW) % tilesW);
  const bias = conv.useBias ? { dims: tiles === 'local' ? [filters, outH, outW] : [filters, 1, 1], values: weightOf(context, 'bias') } : undefined;
  return positionalConvolution(context, conv.kernel, conv.strides, conv.padding, kernels, perPosition, bias);
}
