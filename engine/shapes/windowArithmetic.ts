/**
 * How a sliding window (convolution kernel or pooling window) walks one axis
 * of its input: the padding on each side, the number of outputs, and which
 * input pixels it never reads. Written once here and used by shape inference,
 * costs, the inspector's worked arithmetic and every backend.
 */
import type { Padding } from '../graph/schema';

export interface AxisPlan {
  inSize: number;
  /** Kernel taps along the axis. */
  kernel: number;
  stride: number;
  /** Spacing of the taps, present only when above 1 (a dilated kernel); the window spans `extentOf(plan)` pixels. */
  dilation?: number;
  padBefore: number;
  padAfter: number;
  /** Number of window positions; 0 when the kernel is larger than the padded input. */
  outSize: number;
}

export type PaddingMode = 'valid' | 'same' | 'full' | readonly [before: number, after: number];

/**
 * With the window's extent e (the kernel k, or d·(k − 1) + 1 dilated by d):
 * - valid: no padding, `floor((n - e) / s) + 1`
 * - same:  `ceil(n / s)`, total padding `max((out - 1) * s + e - n, 0)`, the odd pixel after
 * - full:  `e - 1` on both sides, `floor((n + e - 2) / s) + 1`
 * - explicit `[before, after]`
 */
export function planAxis(inSize: number, taps: number, stride: number, mode: PaddingMode, dilation = 1): AxisPlan {
  const kernel = dilation * (taps - 1) + 1;
  let padBefore = 0;
  let padAfter = 0;
  if (mode === 'same') {
    const total = Math.max((Math.ceil(inSize / stride) - 1) * stride + kernel - inSize, 0);
    padBefore = Math.floor(total / 2);
    padAfter = total - padBefore;
  } else if (mode === 'full') {
    padBefore = kernel - 1;
    padAfter = kernel - 1;
  } else if (mode !== 'valid') {
    [padBefore, padAfter] = mode;
  }
  const padded = inSize + padBefore + padAfter;
  // A stride below 1 never reaches a document (the schema refuses it), but an editor field may pass one in.
  const outSize = padded < kernel || !(stride >= 1) ? 0 : Math.floor((padded - kernel) / stride) + 1;
  return { inSize, kernel: taps, stride, ...(dilation > 1 ? { dilation } : {}), padBefore, padAfter, outSize };
}

/** The pixels a window spans along the axis: its taps, spread by the dilation. */
export function extentOf(plan: AxisPlan): number {
  return dilationOf(plan) * (plan.kernel - 1) + 1;
}

export function dilationOf(plan: AxisPlan): number {
  return plan.dilation ?? 1;
}

export interface WindowPlan {
  rows: AxisPlan;
  cols: AxisPlan;
}

export function planWindow(
  inH: number,
  inW: number,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  padding: Padding,
  dilation: readonly [number, number] = [1, 1],
): WindowPlan {
  const [rowMode, colMode]: [PaddingMode, PaddingMode] =
    typeof padding === 'string' ? [padding, padding] : [[padding[0], padding[1]], [padding[2], padding[3]]];
  return {
    rows: planAxis(inH, kernel[0], strides[0], rowMode, dilation[0]),
    cols: planAxis(inW, kernel[1], strides[1], colMode, dilation[1]),
  };
}

/** The range of real (unpadded) input indices output position `o`'s window spans (a dilated window reads only `inputTapsOf`). */
export function inputRangeOf(plan: AxisPlan, o: number): { first: number; count: number } {
  const start = o * plan.stride - plan.padBefore;
  const first = Math.max(start, 0);
  const end = Math.min(start + extentOf(plan), plan.inSize);
  return { first, count: Math.max(end - first, 0) };
}

/** The real (unpadded) input indices output position `o` reads: one per kernel tap that lands inside the input. */
export function inputTapsOf(plan: AxisPlan, o: number): number[] {
  const start = o * plan.stride - plan.padBefore;
  const taps: number[] = [];
  for (let j = 0; j < plan.kernel; j++) {
    const at = start + j * dilationOf(plan);
    if (at >= 0 && at < plan.inSize) taps.push(at);
  }
  return taps;
}

export interface UnreadPixels {
  /** Real input pixels no window position ever reads. */
  total: number;
  /** Of those, how many sit at the end (bottom or right) because the stride does not tile the input. */
  atEnd: number;
}

/** Which real input pixels a stride skips: between windows (stride > kernel) or at the end. */
export function unreadPixels(plan: AxisPlan): UnreadPixels {
  const read = new Uint8Array(plan.inSize);
  let lastRead = -1;
  for (let o = 0; o < plan.outSize; o++) {
    for (const at of inputTapsOf(plan, o)) {
      read[at] = 1;
      lastRead = Math.max(lastRead, at);
    }
  }
  let total = 0;
  for (const r of read) total += r === 0 ? 1 : 0;
  return { total, atEnd: plan.inSize - 1 - lastRead };
}

/** `floor((28 − 5 + 0) / 1) + 1 = 24`: the arithmetic with the user's numbers, for teaching (a dilated kernel's span first). */
export function explainAxis(plan: AxisPlan): string {
  const pad = plan.padBefore + plan.padAfter;
  const extent = extentOf(plan);
  const dilated = dilationOf(plan) > 1;
  const span = dilated ? `span = ${dilationOf(plan)}·(${plan.kernel} − 1) + 1 = ${extent}; ` : '';
  if (plan.outSize === 0) return `${span}${plan.inSize} + ${pad} padding < ${dilated ? 'span' : 'kernel'} ${extent}: no output`;
  return `${span}out = floor((${plan.inSize} − ${extent} + ${pad}) / ${plan.stride}) + 1 = ${plan.outSize}`;
}
