/**
 * Lesson 7, zero padding: a small grid of numbers convolved (stride 1) under
 * valid, same and full padding by the CPU reference backend, the padded
 * zeros, the output size, and for each input pixel how many outputs read it
 * (its visit count): valid under-visits the border, full visits every pixel
 * k_h·k_w times. And a stack of five such convolutions: valid shrinks the
 * representation by k − 1 per layer, same keeps it, full grows it.
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { inputRangeOf, planAxis, planWindow, type WindowPlan } from '../shapes/windowArithmetic';

export const PADDING_MODES = ['valid', 'same', 'full'] as const;
export type PaddingMode = (typeof PADDING_MODES)[number];

export interface PaddingCase {
  height: number;
  width: number;
  kernel: [number, number];
}

export interface PaddedResult {
  mode: PaddingMode;
  plan: WindowPlan;
  /** The input with its zero padding around it, (H + pads) × (W + pads). */
  padded: { height: number; width: number; data: number[] };
  output: { height: number; width: number; data: number[] };
  /** H × W: how many outputs read each input pixel. */
  visits: number[];
}

/** The lesson's input: small whole numbers, the same every time (1 to 9, no zeros to mistake for padding). */
export function lessonGrid(height: number, width: number): number[] {
  return Array.from({ length: height * width }, (_, i) => 1 + ((i * 7 + 3) % 9));
}

/** How many outputs read each input pixel, from the window arithmetic. */
export function visitCounts(plan: WindowPlan): number[] {
  const along = (axis: WindowPlan['rows']) => {
    const counts = new Array<number>(axis.inSize).fill(0);
    for (let o = 0; o < axis.outSize; o++) {
      const { first, count } = inputRangeOf(axis, o);
      for (let i = first; i < first + count; i++) counts[i]!++;
    }
    return counts;
  };
  const rows = along(plan.rows);
  const cols = along(plan.cols);
  return rows.flatMap((r) => cols.map((c) => r * c));
}

export function padded(c: PaddingCase, mode: PaddingMode): PaddedResult {
  const plan = planWindow(c.height, c.width, c.kernel, [1, 1], mode);
  const input = lessonGrid(c.height, c.width);
  const ph = c.height + plan.rows.padBefore + plan.rows.padAfter;
  const pw = c.width + plan.cols.padBefore + plan.cols.padAfter;
  const paddedData = new Array<number>(ph * pw).fill(0);
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) paddedData[(y + plan.rows.padBefore) * pw + x + plan.cols.padBefore] = input[y * c.width + x]!;
  // The output: each window's sum (a kernel of ones), by the engine's convolution.
  const backend = createCpuBackend('float64');
  const shape = [1, 1, c.height, c.width];
  const info = convInfo(shape, 1, c.kernel, [1, 1], mode, [1, 1]);
  const x = backend.tensor(shape, input);
  const w = backend.tensor([1, 1, ...c.kernel], new Array<number>(c.kernel[0] * c.kernel[1]).fill(1));
  const y = backend.conv2d(x, w, info);
  const output = { height: info.outH, width: info.outW, data: Array.from(backend.read(y)) };
  for (const t of [x, w, y]) backend.dispose(t);
  return { mode, plan, padded: { height: ph, width: pw, data: paddedData }, output, visits: visitCounts(plan) };
}

/** The size after each of `layers` convolutions with the same kernel and padding (stride 1), starting from the input. */
export function stackSizes(size: number, kernel: number, mode: PaddingMode, layers = 5): number[] {
  const sizes = [size];
  for (let l = 0; l < layers; l++) sizes.push(planAxis(sizes.at(-1)!, kernel, 1, mode).outSize);
  return sizes;
}
