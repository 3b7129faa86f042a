/**
 * How a sliding window (convolution kernel or pooling window) walks one axis
 * of its input: the padding on each side, the number of outputs, and which
 * input pixels it never reads. Written once here and used by shape inference,
 * costs, the inspector's worked arithmetic and every backend.
 */
import type { Padding } from '../graph/schema';

export interface AxisPlan {
  inSize: number;
  kernel: number;
  stride: number;
  padBefore: number;
  padAfter: number;
  /** Number of window positions; 0 when the kernel is larger than the padded input. */
  outSize: number;
}

export type PaddingMode = 'valid' | 'same' | 'full' | readonly [before: number, after: number];

/**
 * - valid: no padding, `floor((n - k) / s) + 1`
 * - same:  `ceil(n / s)`, total padding `max((out - 1) * s + k - n, 0)`, the odd pixel after
 * - full:  `k - 1` on both sides, `floor((n + k - 2) / s) + 1`
 * - explicit `[before, after]`
 */
export function planAxis(inSize: number, kernel: number, stride: number, mode: PaddingMode): AxisPlan {
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
  return { inSize, kernel, stride, padBefore, padAfter, outSize };
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
): WindowPlan {
  const [rowMode, colMode]: [PaddingMode, PaddingMode] =
    typeof padding === 'string' ? [padding, padding] : [[padding[0], padding[1]], [padding[2], padding[3]]];
  return {
    rows: planAxis(inH, kernel[0], strides[0], rowMode),
    cols: planAxis(inW, kernel[1], strides[1], colMode),
  };
}

/** The range of real (unpadded) input indices read by output position `o`. */
export function inputRangeOf(plan: AxisPlan, o: number): { first: number; count: number } {
  const start = o * plan.stride - plan.padBefore;
  const first = Math.max(start, 0);
  const end = Math.min(start + plan.kernel, plan.inSize);
  return { first, count: Math.max(end - first, 0) };
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
    const { first, count } = inputRangeOf(plan, o);
    read.fill(1, first, first + count);
    if (count > 0) lastRead = first + count - 1;
  }
  let total = 0;
  for (const r of read) total += r === 0 ? 1 : 0;
  return { total, atEnd: plan.inSize - 1 - lastRead };
}

/** `floor((28 − 5 + 0) / 1) + 1 = 24`: the arithmetic with the user's numbers, for teaching. */
export function explainAxis(plan: AxisPlan): string {
  const pad = plan.padBefore + plan.padAfter;
  if (plan.outSize === 0) return `${plan.inSize} + ${pad} padding < kernel ${plan.kernel}: no output`;
  return `out = floor((${plan.inSize} − ${plan.kernel} + ${pad}) / ${plan.stride}) + 1 = ${plan.outSize}`;
}
