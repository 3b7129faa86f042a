/**
 * Lesson 8, strides: a stride-s convolution is the stride-1 convolution
 * sampled every s positions. Both are computed by the CPU reference backend;
 * the lesson marks which stride-1 outputs the strided one keeps (the others
 * are ghosts: computed by nobody), and the input rows and columns no window
 * reads when the stride does not tile the input.
 */
import { inputRangeOf, planWindow, type AxisPlan, type WindowPlan } from '../shapes/windowArithmetic';
import { convolvePicture, type FeatureMap, type Kernel, type LessonPadding } from './kernels';
import { toGray, type Picture } from './picture';

export interface StrideResult {
  stride1: FeatureMap;
  strided: FeatureMap;
  plan: WindowPlan;
  /** Over the stride-1 output: 1 where the strided output has the same window (the kept positions). */
  kept: Uint8Array;
  /** Over the input: 1 for pixels no strided window reads. */
  unread: Uint8Array;
  /** The strided output as positions of the stride-1 output, row-major (what `kept` marks). */
  keptAt: { y: number; x: number }[];
}

/** Stride-s output o starts its window where stride-1 output p does: p = o·s − pad_s + pad_1 (undefined off the stride-1 map). */
function keptIndex(o: number, strided: AxisPlan, stride1: AxisPlan): number | undefined {
  const p = o * strided.stride - strided.padBefore + stride1.padBefore;
  return p >= 0 && p < stride1.outSize ? p : undefined;
}

function unreadAlong(axis: AxisPlan): Uint8Array {
  const read = new Uint8Array(axis.inSize);
  for (let o = 0; o < axis.outSize; o++) {
    const { first, count } = inputRangeOf(axis, o);
    read.fill(1, first, first + count);
  }
  return read.map((r) => 1 - r);
}

export function strides(picture: Picture, kernel: Kernel, stride: number, padding: LessonPadding): StrideResult {
  const gray = toGray(picture);
  const stride1 = convolvePicture(gray, kernel, padding);
  const strided = convolvePicture(gray, kernel, padding, stride);
  const plan = planWindow(gray.height, gray.width, [kernel.size, kernel.size], [stride, stride], padding);
  const plan1 = planWindow(gray.height, gray.width, [kernel.size, kernel.size], [1, 1], padding);
  const kept = new Uint8Array(stride1.height * stride1.width);
  const keptAt: { y: number; x: number }[] = [];
  for (let oy = 0; oy < strided.height; oy++) {
    for (let ox = 0; ox < strided.width; ox++) {
      const y = keptIndex(oy, plan.rows, plan1.rows);
      const x = keptIndex(ox, plan.cols, plan1.cols);
      if (y === undefined || x === undefined) continue;
      kept[y * stride1.width + x] = 1;
      keptAt.push({ y, x });
    }
  }
  const rows = unreadAlong(plan.rows);
  const cols = unreadAlong(plan.cols);
  const unread = new Uint8Array(gray.height * gray.width);
  for (let y = 0; y < gray.height; y++) for (let x = 0; x < gray.width; x++) unread[y * gray.width + x] = rows[y] || cols[x] ? 1 : 0;
  return { stride1, strided, plan, kept, unread, keptAt };
}
