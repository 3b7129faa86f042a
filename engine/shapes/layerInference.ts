/**
 * Shape and cost inference shared by families of node types (the three
 * convolutions, the two poolings) and by the types with more than one input.
 * Each node type's file in ../nodes/ calls these from its `infer`.
 *
 * Counting rules (one sample, evaluation mode): a dot product of r terms is r
 * multiplies and r - 1 adds, plus one add for a bias; a divide counts as a
 * multiply; exp, max and comparisons are not counted.
 */
import type { NodeOfType } from '../graph/schema';
import { warning, type JsonPath, type Problem } from '../graph/problems';
import { ok, type InferContext, type Inference, type WeightSpec } from './layerInfo';
import { matrixEquivalent } from './matrixEquivalent';
import { describePadding, kernelExtent, resolveConv, resolvePool, toPair, type Pair } from './params';
import { describeShape, isImage, sameShape, sizeOf, type Shape } from './shape';
import { dilationOf, planWindow, unreadPixels, type AxisPlan, type WindowPlan } from './windowArithmetic';

const CONV_AXES = {
  conv2d: '[filters, input channels, kernel height, kernel width]',
  locallyConnected2d: '[output height, output width, filters, input channels, kernel height, kernel width]',
  tiledConv2d: '[tiles down, tiles across, filters, input channels, kernel height, kernel width]',
} as const;

export type ConvLikeNode = NodeOfType<'conv2d'> | NodeOfType<'locallyConnected2d'> | NodeOfType<'tiledConv2d'>;

export function inferConvLike(node: ConvLikeNode, { input, at, fail }: InferContext): Inference {
  if (!isImage(input)) {
    return fail('needs-image', `${node.type} needs a channels×height×width image, but its input is a flat vector of ${describeShape(input)} values; move it before any flatten or dense layer`);
  }
  const [inC, inH, inW] = input;
  const conv = resolveConv(node);
  const plan = planWindow(inH, inW, conv.kernel, conv.strides, conv.padding, conv.dilation);
  const dilated = conv.dilation[0] > 1 || conv.dilation[1] > 1;
  const tooLarge = windowTooLarge(dilated ? `kernel ${conv.kernel.join('×')} dilated by ${conv.dilation.join('×')}: its span` : 'kernel', kernelExtent(conv.kernel, conv.dilation), input, plan, conv.padding);
  if (tooLarge) return fail('kernel-too-large', tooLarge, at('params', 'kernelSize'));

  const [kH, kW] = conv.kernel;
  const outH = plan.rows.outSize;
  const outW = plan.cols.outSize;
  const perKernel = [conv.filters, inC, kH, kW];
  const warnings = strideWarnings(plan, conv.strides, kernelExtent(conv.kernel, conv.dilation), at('params', 'strides'), node.id);
  const notes = dilated ? [`dilation ${conv.dilation.join('×')}: each ${conv.kernel.join('×')} kernel spans ${kernelExtent(conv.kernel, conv.dilation).join('×')} pixels, reading every ${conv.dilation.join('×')}-th`] : [];
  let weight: Shape;
  let bias: Shape = [conv.filters];
  if (node.type === 'conv2d') {
    weight = perKernel;
  } else if (node.type === 'locallyConnected2d') {
    weight = [outH, outW, ...perKernel];
    bias = [conv.filters, outH, outW];
  } else {
    const tiles = toPair(node.params.tiles);
    weight = [...tiles, ...perKernel];
    if (tiles[0] > outH || tiles[1] > outW) {
      warnings.push(warning('unused-tiles', `${tiles.join('×')} kernel sets but only ${outH}×${outW} output positions: some kernel sets are never used`, at('params', 'tiles'), node.id));
    }
  }

  const weightShapes: Record<string, WeightSpec> = { weight: { shape: weight, axes: CONV_AXES[node.type] } };
  if (conv.useBias) weightShapes['bias'] = { shape: bias, axes: bias.length === 1 ? '[filters]' : '[filters, output height, output width]' };
  const kernelFloats = sizeOf(weight);
  const outputs = conv.filters * outH * outW;
  return ok({
    outputShape: [conv.filters, outH, outW],
    params: kernelFloats + (conv.useBias ? sizeOf(bias) : 0),
    flops: outputs * (2 * inC * kH * kW - 1 + (conv.useBias ? 1 : 0)),
    weightShapes,
    matrixEquivalent: matrixEquivalent({ inChannels: inC, filters: conv.filters, kernel: conv.kernel, plan, kernelFloats }),
    window: plan,
    notes,
    warnings,
  });
}

export type PoolNode = NodeOfType<'maxPool2d'> | NodeOfType<'avgPool2d'>;

export function inferPool(node: PoolNode, { input, at, fail }: InferContext): Inference {
  if (!isImage(input)) {
    return fail('needs-image', `${node.type} needs a channels×height×width image, but its input is a flat vector of ${describeShape(input)} values`);
  }
  const [channels, inH, inW] = input;
  const pool = resolvePool(node);
  const plan = planWindow(inH, inW, pool.window, pool.strides, pool.padding);
  const tooLarge = windowTooLarge('pool window', pool.window, input, plan, pool.padding);
  if (tooLarge) return fail('window-too-large', tooLarge, at('params', 'poolSize'));
  const outputs = channels * plan.rows.outSize * plan.cols.outSize;
  return ok({
    outputShape: [channels, plan.rows.outSize, plan.cols.outSize],
    // Averaging: k - 1 adds and one divide per output; max only compares.
    flops: node.type === 'avgPool2d' ? outputs * pool.window[0] * pool.window[1] : 0,
    window: plan,
    warnings: strideWarnings(plan, pool.strides, pool.window, at('params', 'strides'), node.id),
  });
}

export function inferDense(node: NodeOfType<'dense'>, { input }: InferContext): Inference {
  const inputs = sizeOf(input);
  const { units } = node.params;
  const useBias = node.params.useBias ?? true;
  const weightShapes: Record<string, WeightSpec> = { weight: { shape: [units, inputs], axes: '[units, inputs]' } };
  if (useBias) weightShapes['bias'] = { shape: [units], axes: '[units]' };
  return ok({
    outputShape: [units],
    params: units * inputs + (useBias ? units : 0),
    flops: units * (2 * inputs - 1 + (useBias ? 1 : 0)),
    weightShapes,
    notes: input.length > 1 ? [`flattens ${describeShape(input)} → ${inputs} implicitly`] : [],
  });
}

export function inferAdd({ inputs, fail }: InferContext): Inference {
  const [first, ...rest] = inputs;
  if (!first) return fail('missing-input', 'add has no inputs');
  const odd = rest.find((i) => !sameShape(i.shape, first.shape));
  if (odd) {
    const list = inputs.map((i) => `${i.id}: ${describeShape(i.shape)}`).join(', ');
    return fail('shape-mismatch', `add needs inputs of one shape, but gets ${list}`);
  }
  return ok({ outputShape: first.shape, flops: (inputs.length - 1) * sizeOf(first.shape) });
}

export function inferConcat({ inputs, fail }: InferContext): Inference {
  const [first] = inputs;
  if (!first) return fail('missing-input', 'concat has no inputs');
  const list = () => inputs.map((i) => `${i.id}: ${describeShape(i.shape)}`).join(', ');
  if (inputs.every((i) => i.shape.length === 1)) {
    return ok({ outputShape: [inputs.reduce((n, i) => n + (i.shape[0] ?? 0), 0)] });
  }
  if (!inputs.every((i) => isImage(i.shape) && i.shape[1] === first.shape[1] && i.shape[2] === first.shape[2])) {
    return fail('shape-mismatch', `concat joins channels, so its inputs need the same height and width (or all be flat vectors), but gets ${list()}`);
  }
  const channels = inputs.reduce((n, i) => n + (i.shape[0] ?? 0), 0);
  return ok({ outputShape: [channels, first.shape[1] ?? 0, first.shape[2] ?? 0] });
}

function windowTooLarge(what: string, window: Pair, input: Shape, plan: WindowPlan, padding: Parameters<typeof describePadding>[0]): string | undefined {
  if (plan.rows.outSize > 0 && plan.cols.outSize > 0) return undefined;
  const paddedH = plan.rows.inSize + plan.rows.padBefore + plan.rows.padAfter;
  const paddedW = plan.cols.inSize + plan.cols.padBefore + plan.cols.padAfter;
  const padded = paddedH === input[1] && paddedW === input[2] ? '' : ` (${paddedH}×${paddedW} with ${describePadding(padding)} padding)`;
  return `${what} ${window.join('×')} is larger than its ${input[1]}×${input[2]} input${padded}`;
}

/** Warn where a stride leaves real input pixels unread, naming how many. */
function strideWarnings(plan: WindowPlan, strides: Pair, window: Pair, path: JsonPath, nodeId: string): Problem[] {
  const warnings: Problem[] = [];
  const axes: [AxisPlan, number, number, string, string][] = [
    [plan.rows, strides[0], window[0], 'row', 'bottom'],
    [plan.cols, strides[1], window[1], 'column', 'right'],
  ];
  for (const [axis, stride, size, noun, side] of axes) {
    const unread = unreadPixels(axis);
    if (unread.total === 0) continue;
    const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    const between = unread.total - unread.atEnd;
    const parts: string[] = [];
    if (between > 0 && dilationOf(axis) > 1) parts.push(`with taps ${dilationOf(axis)} apart and stride ${stride}, ${plural(between)} between taps ${between === 1 ? 'is' : 'are'} never read`);
    else if (between > 0) parts.push(`stride ${stride} is larger than the window ${size}, so ${plural(between)} between windows ${between === 1 ? 'is' : 'are'} never read`);
    if (unread.atEnd > 0) parts.push(`stride ${stride} does not tile the ${axis.inSize} input ${noun}s, so the last ${plural(unread.atEnd)} at the ${side} ${unread.atEnd === 1 ? 'is' : 'are'} dropped`);
    warnings.push(warning('stride-drops-pixels', `${parts.join('; ')} (${unread.total} of ${axis.inSize} ${noun}s unread)`, path, nodeId));
  }
  return warnings;
}
