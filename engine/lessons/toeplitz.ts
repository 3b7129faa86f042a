/**
 * Lesson 9, back-propagation as a transposed convolution: a one-channel
 * convolution is a matrix product x^L = W x^{L-1}, where W (outputs × inputs,
 * the Toeplitz-like matrix of the lecture) holds in each row an offset copy
 * of the kernel. The gradient with respect to the input is then
 * g^{L-1} = Wᵀ g^L, which is what the engine computes as a transposed
 * convolution (conv2dBackwardInput); the kernel's gradient sums over its
 * copies. Everything here is checked against the engine's own convolution.
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import type { Padding } from '../graph/schema';
import { denseMatrix } from './costs';
import { LessonOptionError, parseInteger, parsePadding, parsePair } from './options';

export interface ToeplitzCase {
  height: number;
  width: number;
  /** Kernel rows × columns and its values, row-major. */
  kernel: { rows: number; cols: number; values: number[] };
  stride: number;
  padding: Padding;
}

export interface ToeplitzResult {
  outH: number;
  outW: number;
  /** W, outputs × inputs, row-major. */
  matrix: Float64Array;
  /** For each row of W: the output pixel it makes, and for each column: the input pixel it reads. */
  rows: number;
  cols: number;
}

export function toeplitz(c: ToeplitzCase): ToeplitzResult {
  const shape = [1, 1, c.height, c.width];
  const info = convInfo(shape, 1, [c.kernel.rows, c.kernel.cols], [c.stride, c.stride], c.padding, [1, 1]);
  const w = denseMatrix({ layer: 'conv2d', inChannels: 1, height: c.height, width: c.width, filters: 1, kernel: [c.kernel.rows, c.kernel.cols], strides: [c.stride, c.stride], padding: c.padding }, c.kernel.values, 'float64');
  return { outH: info.outH, outW: info.outW, matrix: Float64Array.from(w), rows: info.outH * info.outW, cols: c.height * c.width };
}

/** W·x. */
export function multiply(t: ToeplitzResult, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(t.rows);
  for (let r = 0; r < t.rows; r++) {
    let sum = 0;
    for (let k = 0; k < t.cols; k++) sum += t.matrix[r * t.cols + k]! * (x[k] as number);
    y[r] = sum;
  }
  return y;
}

/** Wᵀ·g. */
export function multiplyTransposed(t: ToeplitzResult, g: ArrayLike<number>): Float64Array {
  const x = new Float64Array(t.cols);
  for (let r = 0; r < t.rows; r++) for (let k = 0; k < t.cols; k++) x[k]! += t.matrix[r * t.cols + k]! * (g[r] as number);
  return x;
}

/** The engine's forward convolution, input gradient (the transposed convolution) and kernel gradient, in float64. */
export function engineConvolution(c: ToeplitzCase, x: ArrayLike<number>, g: ArrayLike<number>): { forward: Float64Array; inputGradient: Float64Array; kernelGradient: Float64Array } {
  const backend = createCpuBackend('float64');
  const shape = [1, 1, c.height, c.width];
  const info = convInfo(shape, 1, [c.kernel.rows, c.kernel.cols], [c.stride, c.stride], c.padding, [1, 1]);
  const xt = backend.tensor(shape, x);
  const wt = backend.tensor([1, 1, c.kernel.rows, c.kernel.cols], c.kernel.values);
  const gt = backend.tensor([1, 1, info.outH, info.outW], g);
  const y = backend.conv2d(xt, wt, info);
  const dx = backend.conv2dBackwardInput(gt, wt, info);
  const dw = backend.conv2dBackwardFilter(xt, gt, info);
  const out = { forward: Float64Array.from(backend.read(y)), inputGradient: Float64Array.from(backend.read(dx)), kernelGradient: Float64Array.from(backend.read(dw)) };
  for (const t of [xt, wt, gt, y, dx, dw]) backend.dispose(t);
  return out;
}

/** The engine's forward convolution alone. */
export function engineForward(c: ToeplitzCase, x: ArrayLike<number>): Float64Array {
  const backend = createCpuBackend('float64');
  const shape = [1, 1, c.height, c.width];
  const info = convInfo(shape, 1, [c.kernel.rows, c.kernel.cols], [c.stride, c.stride], c.padding, [1, 1]);
  const xt = backend.tensor(shape, x);
  const wt = backend.tensor([1, 1, c.kernel.rows, c.kernel.cols], c.kernel.values);
  const y = backend.conv2d(xt, wt, info);
  const out = Float64Array.from(backend.read(y));
  for (const t of [xt, wt, y]) backend.dispose(t);
  return out;
}

/** The Jacobian of the engine's convolution, column by column: the output for each unit input. */
export function engineJacobian(c: ToeplitzCase): Float64Array {
  const inputs = c.height * c.width;
  const columns: Float64Array[] = [];
  for (let k = 0; k < inputs; k++) {
    const unit = new Float64Array(inputs);
    unit[k] = 1;
    columns.push(engineForward(c, unit));
  }
  const rows = columns[0]?.length ?? 0;
  const jacobian = new Float64Array(rows * inputs);
  for (let k = 0; k < inputs; k++) for (let r = 0; r < rows; r++) jacobian[r * inputs + k] = columns[k]![r]!;
  return jacobian;
}

/** The kernel's gradient as the sum over its copies in W: dL/dK(m, n) = Σ over rows of g_row · x at the column where that row holds K(m, n). */
export function kernelGradientFromCopies(c: ToeplitzCase, x: ArrayLike<number>, g: ArrayLike<number>): Float64Array {
  const size = c.kernel.rows * c.kernel.cols;
  const grad = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    // W with only weight i set to 1 marks where its copies sit.
    const marker = new Array<number>(size).fill(0);
    marker[i] = 1;
    const copies = toeplitz({ ...c, kernel: { ...c.kernel, values: marker } });
    for (let r = 0; r < copies.rows; r++) for (let k = 0; k < copies.cols; k++) if (copies.matrix[r * copies.cols + k]) grad[i]! += (g[r] as number) * (x[k] as number);
  }
  return grad;
}

/** The lesson's case from its options (text, as `convstudio lesson toeplitz` takes them). */
export function toeplitzCaseOf(values: Readonly<Record<string, string>>): ToeplitzCase {
  const [height, width] = parsePair('input', values['input'] || '4x4', 1, 8);
  const [rows, cols] = parsePair('kernel', values['kernel'] || '2x2', 1, 5);
  if (rows > height + 4 || cols > width + 4) throw new LessonOptionError('kernel', `a ${rows}×${cols} kernel is too large for a ${height}×${width} input`);
  const text = (values['weights'] ?? '').trim();
  const weights = text === '' ? Array.from({ length: rows * cols }, (_, i) => i + 1) : text.split(/[\s,;]+/).map(Number);
  if (weights.length !== rows * cols || weights.some((w) => !Number.isFinite(w))) throw new LessonOptionError('weights', `a ${rows}×${cols} kernel needs ${rows * cols} numbers, not "${text}"`);
  const stride = parseInteger('stride', values['stride'] || '1', 1, 3);
  const padding = parsePadding('padding', values['padding'] || 'valid');
  const c = { height, width, kernel: { rows, cols, values: weights }, stride, padding };
  if (toeplitz(c).rows === 0) throw new LessonOptionError('kernel', `a ${rows}×${cols} kernel at stride ${stride} with ${padding} padding gives no output on ${height}×${width}`);
  return c;
}

/** Everything the lesson shows: W, a fixed input and output gradient, and the three comparisons with the engine. */
export function toeplitzNumbers(c: ToeplitzCase) {
  const t = toeplitz(c);
  // Small whole numbers, the same every time: easy to multiply in one's head.
  const x = Array.from({ length: t.cols }, (_, i) => 1 + ((i * 5 + 2) % 9));
  const g = Array.from({ length: t.rows }, (_, i) => ((i * 3) % 5) - 2);
  const engine = engineConvolution(c, x, g);
  const largest = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
  const forward = { matrix: Array.from(multiply(t, x)), engine: Array.from(engine.forward) };
  const backward = { matrix: Array.from(multiplyTransposed(t, g)), engine: Array.from(engine.inputGradient) };
  const kernelGradient = { copies: Array.from(kernelGradientFromCopies(c, x, g)), engine: Array.from(engine.kernelGradient) };
  return {
    t, x, g,
    forward: { ...forward, largestDifference: largest(forward.matrix, forward.engine) },
    backward: { ...backward, largestDifference: largest(backward.matrix, backward.engine) },
    kernelGradient: { ...kernelGradient, largestDifference: largest(kernelGradient.copies, kernelGradient.engine) },
  };
}
